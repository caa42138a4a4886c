package io.queuejob.spring.autoconfigure;

import javax.sql.DataSource;

import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.spring.function.JobFunctionRegistry;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.NodeRegistry;
import io.queuejob.spring.runner.JobRunner;
import io.queuejob.spring.runner.JobWorkers;
import io.queuejob.spring.runner.RunnerElection;
import io.queuejob.spring.store.JobRepository;
import io.queuejob.spring.store.JobStores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AutoConfiguration Auto-configuration} of operating jobs: the
 * {@link JobOperations} that the REST API, the dashboard and the Actuator endpoint use,
 * and the {@link NodeRegistry} heartbeat of this node.
 * <p>
 * The actions are performed by the {@link JobRepository}, so {@link JobOperations} needs
 * the JPA model and runs in the repository's transaction manager, the bean named
 * {@code transactionManager}.
 */
@AutoConfiguration(after = { QueueJobAutoConfiguration.class, QueueJobJpaAutoConfiguration.class })
@ConditionalOnBean(JobStores.class)
@ConditionalOnBooleanProperty(name = "queue-job.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueueJobProperties.class)
public final class QueueJobOperationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(JobRepository.class)
	JobOperations queueJobOperations(DataSource dataSource, QueueJobProperties properties, JobRepository repository,
			JobStores stores, @Qualifier("transactionManager") PlatformTransactionManager transactionManager,
			ChannelScheduler scheduler, JobFunctionRegistry functions) {
		return new JobOperations(new NamedParameterJdbcTemplate(dataSource), properties.getSchema(), repository,
				stores.enqueue(), new TransactionTemplate(transactionManager), () -> scheduler.tree().channels(),
				functions::names);
	}

	@Bean
	@ConditionalOnMissingBean
	NodeRegistry queueJobNodeRegistry(DataSource dataSource, QueueJobProperties properties,
			ObjectProvider<JobWorkers> workers, ObjectProvider<RunnerElection> election,
			ObjectProvider<JobRunner> runner) {
		JobWorkers nodeWorkers = workers.getIfAvailable();
		RunnerElection nodeElection = election.getIfAvailable();
		boolean runsRunner = runner.getIfAvailable() != null;
		return new NodeRegistry(new NamedParameterJdbcTemplate(dataSource), properties.getSchema(),
				(nodeWorkers != null) ? nodeWorkers.worker()
						: QueueJobAutoConfiguration.WorkerConfiguration.workerName(),
				properties.getPollInterval(), (nodeElection != null) ? nodeElection::isLeader : () -> runsRunner,
				(nodeWorkers != null) ? nodeWorkers.threads() : 0,
				(nodeWorkers != null) ? nodeWorkers::busyThreads : () -> 0);
	}

}
