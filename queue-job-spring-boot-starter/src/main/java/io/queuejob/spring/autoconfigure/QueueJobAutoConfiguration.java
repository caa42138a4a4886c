package io.queuejob.spring.autoconfigure;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.spring.CreatedByProvider;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.internal.enqueue.DefaultJobQueue;
import io.queuejob.spring.internal.enqueue.StoringJobEnqueuer;
import io.queuejob.spring.internal.event.JobEventPublisher;
import io.queuejob.spring.internal.function.FunctionSettings;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobEnqueuer;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.function.QueueJobAnnotationBeanPostProcessor;
import io.queuejob.spring.internal.function.RelatedActions;
import io.queuejob.spring.internal.runner.DeadJobRescue;
import io.queuejob.spring.internal.runner.JobExecutor;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobVacuum;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.JobVacuumStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of queue-job: the {@code @QueueJob} proxy, the {@link JobQueue}, the
 * store, and the listener, runner and workers of this node.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
		QueueJobSchemaAutoConfiguration.class })
@ConditionalOnClass(PGConnection.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "queue-job.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueueJobProperties.class)
@Import(QueueJobListenerConfiguration.class)
public final class QueueJobAutoConfiguration {

	private static final Log logger = LogFactory.getLog(QueueJobAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	static JobFunctionRegistry queueJobFunctionRegistry(Environment environment) {
		Map<String, FunctionSettings> settings = new LinkedHashMap<>();
		NamedEntriesBinder.bind(environment, "queue-job.functions", QueueJobProperties.Function.class)
			.forEach((name, function) -> settings.put(name,
					new FunctionSettings(function.isDelayable(), function.getChannel(), function.getRetryPattern(),
							function.getMaxRetries(), function.getPriority(), function.getRelatedUrl(),
							function.getRelatedLabel())));
		return new JobFunctionRegistry(settings);
	}

	@Bean
	static QueueJobAnnotationBeanPostProcessor queueJobAnnotationBeanPostProcessor(
			ObjectProvider<JobFunctionRegistry> registry, ObjectProvider<JobEnqueuer> enqueuer) {
		return new QueueJobAnnotationBeanPostProcessor(registry::getObject, enqueuer::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	JobStores queueJobStores(QueueJobDatabase database, QueueJobProperties properties, ChannelScheduler scheduler) {
		return JdbcJobStores.create(new JdbcTemplate(database.dataSource()), database.schema(),
				properties.getWorker().isDirectClaims() && scheduler.tree().isUnlimited());
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcJobStatistics queueJobStatistics(QueueJobDatabase database, JobStores stores) {
		TransactionTemplate transaction = database.newTransaction();
		transaction.setReadOnly(true);
		return new JdbcJobStatistics(new JdbcTemplate(database.dataSource()), stores.lockName(), transaction);
	}

	@Bean
	@ConditionalOnMissingBean
	JobEventPublisher queueJobEventPublisher(ApplicationEventPublisher publisher) {
		return new JobEventPublisher(publisher, Clock.systemUTC());
	}

	/**
	 * A bean looked up at its first use only: the runner and the workers wake each other
	 * for every job, and a lookup costs far more than a wake.
	 * @param <T> the bean's type
	 * @param provider the bean, which may be absent
	 * @return the bean, or empty when the context has none
	 */
	private static <T> Supplier<Optional<T>> lookedUpOnce(ObjectProvider<T> provider) {
		return SingletonSupplier.of(() -> Optional.ofNullable(provider.getIfAvailable()));
	}

	private static <T> Runnable waking(ObjectProvider<T> provider, Consumer<T> wake) {
		Supplier<Optional<T>> bean = lookedUpOnce(provider);
		return () -> bean.get().ifPresent(wake);
	}

	/**
	 * What wakes this node's runner or workers when jobs were stored, as the notification
	 * on that channel does on the other nodes.
	 */
	private static Consumer<String> storedJobsWaking(ObjectProvider<JobRunner> runner,
			ObjectProvider<JobWorkers> workers) {
		Runnable wakeRunner = waking(runner, JobRunner::jobsStored);
		Runnable wakeWorkers = waking(workers, JobWorkers::wake);
		return (channel) -> (JobStores.WORKERS_CHANNEL.equals(channel) ? wakeWorkers : wakeRunner).run();
	}

	/**
	 * The observers of job changes (events, metrics) as one.
	 */
	private static JobLifecycleObserver observer(ObjectProvider<JobLifecycleObserver> observers) {
		return JobLifecycleObserver.of(observers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	JobArgumentCodec queueJobArgumentCodec(ObjectProvider<JsonMapper> mapper, QueueJobProperties properties) {
		return new JobArgumentCodec(mapper.getIfAvailable(() -> JsonMapper.builder().build()),
				properties.getMaxArgumentsSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	StoringJobEnqueuer queueJobEnqueuer(JobFunctionRegistry functions, JobArgumentCodec codec, JobStores stores,
			QueueJobProperties properties, BeanFactory beanFactory, ObjectProvider<JobRunner> runner,
			ObjectProvider<JobWorkers> workers, QueueJobDatabase database, ObjectProvider<CreatedByProvider> createdBy,
			ObjectProvider<JobLifecycleObserver> observers) {
		boolean noDelay = NoDelayMode.isOn(properties.isNoDelay(), System::getenv);
		if (noDelay) {
			logger.warn("queue-job no-delay mode is on (queue-job.no-delay or " + NoDelayMode.ENVIRONMENT_VARIABLE
					+ "): jobs run synchronously in the caller's thread and nothing is stored");
		}
		return new StoringJobEnqueuer(functions, codec, stores.enqueue(), Clock.systemUTC(), beanFactory::getBean,
				storedJobsWaking(runner, workers), database.transaction(), noDelay,
				createdBy.getIfAvailable(() -> () -> null), observer(observers));
	}

	@Bean
	@ConditionalOnMissingBean
	RelatedActions queueJobRelatedActions(JobFunctionRegistry functions, JobArgumentCodec codec,
			ObjectProvider<JsonMapper> mapper, BeanFactory beanFactory) {
		return new RelatedActions(functions, codec, mapper.getIfAvailable(() -> JsonMapper.builder().build()),
				beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean(JobQueue.class)
	DefaultJobQueue jobQueue(JobFunctionRegistry functions, StoringJobEnqueuer enqueuer) {
		return new DefaultJobQueue(functions, enqueuer);
	}

	@Bean
	@ConditionalOnMissingBean
	ChannelScheduler queueJobChannelScheduler(QueueJobProperties properties, Environment environment) {
		return new ChannelScheduler(
				ChannelTreeFactory.create(properties.getChannels(), structuredChannels(environment)),
				properties.getRunner().getMaxWindow());
	}

	private static Map<String, QueueJobProperties.Channel> structuredChannels(Environment environment) {
		return NamedEntriesBinder.bind(environment, "queue-job.channel", QueueJobProperties.Channel.class);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SecurityContextHolder.class)
	static class SecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CreatedByProvider queueJobCreatedByProvider() {
			return new SecurityContextCreatedByProvider();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "queue-job.runner.enabled", matchIfMissing = true)
	static class RunnerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JobRunner queueJobRunner(JobStores stores, ChannelScheduler scheduler, QueueJobProperties properties,
				ObjectProvider<JobWorkers> workers, ObjectProvider<RunnerElection> election,
				ObjectProvider<DeadJobRescue> rescue, QueueJobDatabase database,
				ObjectProvider<JobLifecycleObserver> observers) {
			JobRunner jobRunner = new JobRunner(stores.runner(), scheduler, properties.getPollInterval(),
					Clock.systemUTC(), waking(workers, JobWorkers::wake), election.getIfAvailable(),
					database.transaction(), rescue.getIfAvailable(), observer(observers));
			jobRunner.setAutoStartup(properties.isAutoStartup());
			return jobRunner;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.vacuum.enabled", matchIfMissing = true)
		@DependsOnDatabaseInitialization
		JobVacuum queueJobVacuum(QueueJobDatabase database, QueueJobProperties properties, Environment environment,
				ObjectProvider<RunnerElection> election) {
			QueueJobProperties.Vacuum vacuum = properties.getVacuum();
			Map<String, Duration> channelIntervals = new LinkedHashMap<>();
			structuredChannels(environment).forEach((name, channel) -> {
				if (channel.getRemovalInterval() != null) {
					channelIntervals.put(name, channel.getRemovalInterval());
				}
			});
			RunnerElection elected = election.getIfAvailable();
			JobVacuum jobVacuum = new JobVacuum(
					new JobVacuumStore(new JdbcTemplate(database.dataSource()), database.schema()),
					vacuum.getRemovalInterval(), channelIntervals, vacuum.getInterval(), vacuum.getBatchSize(),
					Clock.systemUTC(), (elected != null) ? elected::isLeader : () -> true, database.transaction());
			jobVacuum.setAutoStartup(properties.isAutoStartup());
			return jobVacuum;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.listener.enabled", matchIfMissing = true)
		DeadJobRescue queueJobDeadJobRescue(JobStores stores, QueueJobProperties properties,
				ObjectProvider<JobLifecycleObserver> observers) {
			return new DeadJobRescue(stores.rescue(), properties.getRunner().getDeadNodeGrace(), observer(observers));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.listener.enabled", matchIfMissing = true)
		RunnerElection queueJobRunnerElection(JobStores stores, QueueJobProperties properties,
				ObjectProvider<JobRunner> runner) {
			return new RunnerElection(stores.lockName(), fencingTimeout(properties), waking(runner, JobRunner::wake));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "queue-job.worker.enabled", matchIfMissing = true)
	static class WorkerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JobExecutor queueJobExecutor(JobStores stores, JobFunctionRegistry functions, JobArgumentCodec codec,
				BeanFactory beanFactory, QueueJobDatabase database, ObjectProvider<JobLifecycleObserver> observers) {
			return new JobExecutor(stores.workers(), functions, codec, beanFactory::getBean, database.newTransaction(),
					Clock.systemUTC(), observer(observers));
		}

		@Bean
		@ConditionalOnMissingBean
		JobWorkers queueJobWorkers(JobStores stores, JobExecutor executor, QueueJobProperties properties,
				ChannelScheduler scheduler, ObjectProvider<JobRunner> runner, ObjectProvider<NodeLiveness> liveness) {
			QueueJobProperties.Worker worker = properties.getWorker();
			NodeLiveness node = liveness.getIfAvailable();
			Supplier<Optional<JobRunner>> localRunner = lookedUpOnce(runner);
			int claimAhead = (worker.getClaimAhead() != null) ? worker.getClaimAhead() : 3 * worker.getThreads();
			// as many as the runner keeps enqueued during a backlog
			int claimAheadBacklog = Math.max(1, properties.getRunner().getMaxWindow() / 10);
			Integer rootCapacity = scheduler.tree().root().capacity();
			if (rootCapacity != null && rootCapacity < claimAheadBacklog) {
				// never that many enqueued at once: the backlog count before
				// each claim could only say no
				claimAhead = 0;
			}
			JobWorkers jobWorkers = new JobWorkers(stores.workers(), executor, worker.getThreads(), claimAhead,
					claimAheadBacklog, properties.getPollInterval(), worker.getShutdownGrace(),
					(node != null) ? node.worker() : workerName(),
					() -> localRunner.get().ifPresent(JobRunner::jobFinished),
					(node != null) ? node::isHeld : () -> true, () -> localRunner.get().orElse(null));
			jobWorkers.setAutoStartup(properties.isAutoStartup());
			return jobWorkers;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.listener.enabled", matchIfMissing = true)
		NodeLiveness queueJobNodeLiveness(QueueJobProperties properties, ObjectProvider<JobWorkers> workers) {
			return new NodeLiveness(workerName(), fencingTimeout(properties), waking(workers, JobWorkers::wake));
		}

		static String workerName() {
			String host;
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "unknown-host";
			}
			return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
					+ UUID.randomUUID().toString().substring(0, 8);
		}

	}

	/**
	 * How long a node counts on its listener connection after its last answered probe: as
	 * set, or half the dead-node grace, and always shorter than that grace, so that the
	 * other nodes rescue a node's jobs only after it stopped claiming them.
	 * @param properties the properties
	 * @return the fencing timeout
	 */
	static Duration fencingTimeout(QueueJobProperties properties) {
		Duration grace = properties.getRunner().getDeadNodeGrace();
		Duration fencing = properties.getListener().getFencingTimeout();
		if (fencing == null) {
			return grace.dividedBy(2);
		}
		if (fencing.compareTo(grace) >= 0) {
			throw new IllegalStateException("queue-job.listener.fencing-timeout (" + fencing
					+ ") must be shorter than queue-job.runner.dead-node-grace (" + grace
					+ "): a node must stop claiming before the other nodes rescue its jobs");
		}
		return fencing;
	}

}
