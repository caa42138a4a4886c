package io.queuejob.spring.internal.function;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.QueueJob;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueueJobAnnotationBeanPostProcessor}.
 */
class QueueJobAnnotationBeanPostProcessorTests {

	private final JobFunctionRegistry registry = new JobFunctionRegistry(Map.of());

	private final AtomicInteger registryLookups = new AtomicInteger();

	private final QueueJobAnnotationBeanPostProcessor processor = new QueueJobAnnotationBeanPostProcessor(() -> {
		this.registryLookups.incrementAndGet();
		return this.registry;
	}, () -> {
		throw new IllegalStateException("Nothing is enqueued in these tests");
	});

	@Test
	void beanWithoutJobMethodsIsLeftAloneWithoutAskingTheRegistry() {
		Object bean = new Plain();
		assertThat(this.processor.postProcessAfterInitialization(bean, "plain")).isSameAs(bean);
		assertThat(this.registryLookups).hasValue(0);
	}

	@Test
	void beanWithJobMethodsIsRegisteredAndProxied() {
		Object processed = this.processor.postProcessAfterInitialization(new Jobs(), "jobs");
		assertThat(AopUtils.isAopProxy(processed)).isTrue();
		assertThat(this.registry.find("jobs.run")).isNotNull();
	}

	@Test
	void registryIsProcessedByPostProcessorsRegisteredAfterThisOne() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean("queueJobFunctionRegistry", JobFunctionRegistry.class,
					() -> new JobFunctionRegistry(Map.of()));
			context.registerBean(QueueJobAnnotationBeanPostProcessor.class,
					() -> new QueueJobAnnotationBeanPostProcessor(() -> context.getBean(JobFunctionRegistry.class),
							() -> context.getBean(JobEnqueuer.class)));
			context.registerBean("recordingPostProcessor", RecordingPostProcessor.class);
			context.refresh();
			assertThat(context.getBean(RecordingPostProcessor.class).processed).contains("queueJobFunctionRegistry");
		}
	}

	public static class Plain {

		public void run() {
		}

	}

	public static class Jobs {

		@QueueJob
		public void run() {
		}

	}

	static class RecordingPostProcessor implements BeanPostProcessor {

		final List<String> processed = new CopyOnWriteArrayList<>();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			this.processed.add(beanName);
			return bean;
		}

	}

}
