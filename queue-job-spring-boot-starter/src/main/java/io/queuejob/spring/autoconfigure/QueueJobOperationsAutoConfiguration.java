package io.queuejob.spring.autoconfigure;

import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.operations.DefaultJobOperations;
import io.queuejob.spring.internal.operations.NodeRegistry;
import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.operations.JobOperations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@link AutoConfiguration Auto-configuration} of operating jobs: the
 * {@link JobOperations} that the REST API, the dashboard and the Actuator endpoint use,
 * and the {@link NodeRegistry} heartbeat of this node.
 * <p>
 * {@link JobOperations} needs JDBC only: it works in an application without JPA. Its
 * actions run in the application's transaction manager, or in one of its own on
 * queue-job's data source when the application has none, as the workers do.
 */
@AutoConfiguration(after = QueueJobAutoConfiguration.class)
@ConditionalOnBean(JobStores.class)
@ConditionalOnBooleanProperty(name = "queue-job.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueueJobProperties.class)
public final class QueueJobOperationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JobOperations queueJobOperations(QueueJobDatabase database, JobStores stores, ChannelScheduler scheduler,
			JobFunctionRegistry functions) {
		return new DefaultJobOperations(new NamedParameterJdbcTemplate(database.dataSource()), database.schema(),
				stores.enqueue(), database.transaction(), () -> scheduler.tree().channels(), functions::names,
				stores.runner());
	}

	@Bean
	@ConditionalOnMissingBean
	NodeRegistry queueJobNodeRegistry(QueueJobDatabase database, QueueJobSettings settings,
			ObjectProvider<JobWorkers> workers, ObjectProvider<RunnerElection> election,
			ObjectProvider<JobRunner> runner) {
		JobWorkers nodeWorkers = workers.getIfAvailable();
		return new NodeRegistry(new NamedParameterJdbcTemplate(database.dataSource()), database.schema(),
				// the name of the workers, which may be an application's own
				new NodeRegistry.Settings((nodeWorkers != null) ? nodeWorkers.worker() : settings.getWorkerName(),
						settings.getPollInterval(), (nodeWorkers != null) ? nodeWorkers.threads() : 0),
				NodeWiring.runsRunner(election.getIfAvailable(), runner.getIfAvailable() != null),
				NodeWiring.busyThreads(nodeWorkers));
	}

}
