package io.queuejob.spring.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.spring.internal.metrics.QueueJobMetrics;
import io.queuejob.spring.internal.metrics.ScheduleMetrics;
import io.queuejob.spring.internal.metrics.WaitingJobMetrics;
import io.queuejob.spring.internal.runner.RunningJobs;
import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.operations.JobOperations;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer metrics of queue-job, when Micrometer is on the
 * class path and the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = { QueueJobAutoConfiguration.class, QueueJobOperationsAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, JobStores.class })
public final class QueueJobMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QueueJobMetrics queueJobMetrics(MeterRegistry registry, JdbcJobStatistics statistics, QueueJobProperties properties,
			ChannelScheduler scheduler) {
		QueueJobProperties.Metrics metrics = properties.getMetrics();
		return new QueueJobMetrics(registry, statistics, metrics.getDepthRefresh(), metrics.getDepthLimit(),
				scheduler.tree().channels().stream().map(ChannelConfig::name).toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(JobOperations.class)
	WaitingJobMetrics queueJobWaitingMetrics(MeterRegistry registry, JobOperations operations,
			QueueJobProperties properties, ChannelScheduler scheduler) {
		WaitingJobMetrics metrics = new WaitingJobMetrics(operations::waitingCounts,
				properties.getMetrics().getWaitingRefresh(),
				scheduler.tree().channels().stream().map(ChannelConfig::name).toList());
		metrics.bindTo(registry);
		return metrics;
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduleMetrics queueJobScheduleMetrics(MeterRegistry registry) {
		return new ScheduleMetrics(registry);
	}

	@Bean
	@ConditionalOnBean(RunningJobs.class)
	MeterBinder queueJobLostWorkerThreads(RunningJobs runningJobs) {
		return (registry) -> FunctionCounter
			.builder("queue.job.worker.lost.threads", runningJobs, RunningJobs::lostThreads)
			.description("Worker threads given up by this node: a try stopped at its deadline or cancelled that did"
					+ " not end within queue-job.worker.stop-grace; a new thread replaced each")
			.baseUnit("threads")
			.register(registry);
	}

}
