package io.queuejob.spring.autoconfigure;

import io.queuejob.spring.internal.health.QueueJobHealthIndicator;
import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.internal.runner.PostgresJobListener;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.internal.store.JobStores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code queueJob} health indicator, when Spring Boot's health
 * module is on the class path. Turned off with
 * {@code management.health.queuejob.enabled=false}.
 */
@AutoConfiguration(after = QueueJobAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(JobStores.class)
@ConditionalOnEnabledHealthIndicator("queuejob")
public final class QueueJobHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "queueJobHealthIndicator")
	QueueJobHealthIndicator queueJobHealthIndicator(JdbcJobStatistics statistics, ObjectProvider<JobWorkers> workers,
			ObjectProvider<NodeLiveness> liveness, ObjectProvider<PostgresJobListener> listener,
			ObjectProvider<RunnerElection> election, ObjectProvider<JobRunner> runner) {
		JobWorkers jobWorkers = workers.getIfAvailable();
		NodeLiveness node = liveness.getIfAvailable();
		String name = (jobWorkers != null) ? jobWorkers.worker() : (node != null) ? node.worker() : null;
		JobRunner jobRunner = runner.getIfAvailable();
		return new QueueJobHealthIndicator(statistics, name, listener.getIfAvailable(), election.getIfAvailable(),
				() -> jobRunner != null && jobRunner.isRunning(),
				(jobWorkers != null) ? jobWorkers.runningJobs() : null);
	}

}
