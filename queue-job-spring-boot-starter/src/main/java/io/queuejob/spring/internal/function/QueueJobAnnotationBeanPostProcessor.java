package io.queuejob.spring.internal.function;

import java.util.function.Supplier;

import io.queuejob.spring.QueueJob;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * Advises beans that have {@link QueueJob} methods, joining an existing proxy when there
 * is one, so that calls of those methods are enqueued. The advice runs before the bean's
 * other advice (such as {@code @Transactional}), which then applies when a worker
 * executes the job. Also registers the job functions, rejecting invalid ones at start-up.
 */
public final class QueueJobAnnotationBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final long serialVersionUID = 1L;

	private final transient Supplier<JobFunctionRegistry> registry;

	/**
	 * Create the post-processor.
	 * @param registry supplies the job function registry
	 * @param enqueuer supplies the job queue, on the first call of a job method
	 */
	public QueueJobAnnotationBeanPostProcessor(Supplier<JobFunctionRegistry> registry, Supplier<JobEnqueuer> enqueuer) {
		this.registry = registry;
		this.beforeExistingAdvisors = true;
		this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, QueueJob.class, true),
				new QueueJobInterceptor(registry, enqueuer));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		// Ask the registry only about beans with job methods: asking creates it, and
		// creating it while other post-processors are still being registered gets it a
		// "not eligible for getting processed by all BeanPostProcessors" warning
		if (bean instanceof JobFunctionRegistry || bean instanceof AopInfrastructureBean
				|| !isEligible(bean, beanName)) {
			return bean;
		}
		if (this.registry.get().register(beanName, AopUtils.getTargetClass(bean))) {
			return super.postProcessAfterInitialization(bean, beanName);
		}
		return bean;
	}

}
