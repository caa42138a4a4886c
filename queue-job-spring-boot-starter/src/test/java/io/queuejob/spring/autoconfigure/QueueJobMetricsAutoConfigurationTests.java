package io.queuejob.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.queuejob.spring.internal.metrics.QueueJobMetrics;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueueJobMetricsAutoConfiguration}: meters when Micrometer and a
 * registry are there, nothing otherwise.
 */
@ExtendWith(DeleteJobsBeforeEach.class)
class QueueJobMetricsAutoConfigurationTests {

	private static final TestDatabase database = TestDatabase.shared();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class,
				QueueJobMetricsAutoConfiguration.class))
		.withPropertyValues(database.properties())
		.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false");

	@Test
	void registersMetersWithARegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("queue-job.channels=root:2,mail:1")
			.run((context) -> {
				assertThat(context).hasSingleBean(QueueJobMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("queue.job.pending").gauges()).hasSize(2);
				assertThat(registry.get("queue.job.pending").tag("channel", "root.mail").gauge().value()).isZero();
				assertThat(registry.get("queue.job.oldest.pending.age").gauges()).hasSize(2);
				assertThat(registry.get("queue.job.runner.rounds").counter().getId().getDescription()).isNotBlank();
			});
	}

	@Test
	void countsTheWorkerThreadsGivenUpOnANodeThatRunsJobs() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("queue-job.worker.enabled=true", "queue-job.auto-startup=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean("queueJobLostWorkerThreads", MeterBinder.class).bindTo(registry);
				assertThat(registry.get("queue.job.worker.lost.threads").functionCounter().count()).isZero();
				assertThat(registry.get("queue.job.worker.lost.threads").functionCounter().getId().getDescription())
					.isNotBlank();
			});
	}

	@Test
	void backsOffWithoutARegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobMetrics.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobMetrics.class));
	}

	@Test
	void backsOffWithoutQueueJob() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QueueJobMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobMetrics.class));
	}

}
