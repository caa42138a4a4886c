package io.queuejob.spring.autoconfigure;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.spring.CreatedByProvider;
import io.queuejob.spring.InvalidQueueJobPropertyException;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.internal.enqueue.DefaultJobQueue;
import io.queuejob.spring.internal.enqueue.EnqueueTracing;
import io.queuejob.spring.internal.enqueue.NotificationWindow;
import io.queuejob.spring.internal.enqueue.StoringJobEnqueuer;
import io.queuejob.spring.internal.event.JobEventPublisher;
import io.queuejob.spring.internal.function.FunctionSettings;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobEnqueuer;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.function.JobResultWriter;
import io.queuejob.spring.internal.function.QueueJobAnnotationBeanPostProcessor;
import io.queuejob.spring.internal.function.RelatedActions;
import io.queuejob.spring.internal.runner.DeadJobRescue;
import io.queuejob.spring.internal.runner.JobExecutionScope;
import io.queuejob.spring.internal.runner.JobExecutor;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.runner.JobMinuteRollup;
import io.queuejob.spring.internal.runner.JobProgressWriter;
import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobVacuum;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.RunningJobs;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobMinuteStore;
import io.queuejob.spring.internal.store.JobProgressStore;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.JobHistoryStore;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

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
@Import({ QueueJobListenerConfiguration.class, QueueJobScheduleConfiguration.class })
public final class QueueJobAutoConfiguration {

	private static final Log logger = LogFactory.getLog(QueueJobAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	static JobFunctionRegistry queueJobFunctionRegistry(QueueJobProperties properties) {
		// the bound properties reject unknown keys, such as a dotted function name
		// written without brackets, so every override here binds
		Map<String, FunctionSettings> settings = new LinkedHashMap<>();
		properties.getFunctions()
			.forEach((name, function) -> settings.put(name,
					new FunctionSettings(function.isDelayable(), function.getChannel(), function.getRetryPattern(),
							function.getMaxRetries(), function.getPriority(), function.getRelatedUrl(),
							function.getRelatedLabel(), function.getTimeout(), function.getRetryOnTimeout(),
							function.getPartitionKey())));
		return new JobFunctionRegistry(settings, properties.getWorker().getDefaultTimeout());
	}

	@Bean
	static QueueJobAnnotationBeanPostProcessor queueJobAnnotationBeanPostProcessor(
			ObjectProvider<JobFunctionRegistry> registry, ObjectProvider<JobEnqueuer> enqueuer) {
		return new QueueJobAnnotationBeanPostProcessor(registry::getObject, enqueuer::getObject);
	}

	@Bean
	QueueJobSettings queueJobSettings(QueueJobProperties properties, ObjectProvider<QueueJobCustomizer> customizers) {
		return QueueJobSettings.customized(properties, customizers.orderedStream());
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
	JobEventPublisher queueJobEventPublisher(ApplicationEventPublisher publisher, QueueJobSettings settings) {
		return new JobEventPublisher(publisher, settings.getClock());
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
			QueueJobProperties properties, QueueJobSettings settings, BeanFactory beanFactory,
			ObjectProvider<JobRunner> runner, ObjectProvider<JobWorkers> workers, QueueJobDatabase database,
			ObjectProvider<CreatedByProvider> createdBy, ObjectProvider<JobLifecycleObserver> observers,
			ObjectProvider<EnqueueTracing> tracing, NotificationWindow notificationWindow) {
		boolean noDelay = NoDelayMode.isOn(properties.isNoDelay(), System::getenv);
		if (noDelay) {
			logger.warn("queue-job no-delay mode is on (queue-job.no-delay or " + NoDelayMode.ENVIRONMENT_VARIABLE
					+ "): jobs run synchronously in the caller's thread and nothing is stored");
		}
		StoringJobEnqueuer enqueuer = new StoringJobEnqueuer(functions, codec, stores.enqueue(), settings.getClock(),
				beanFactory::getBean, new StoredJobsWaking(runner, workers), database.transaction(), noDelay,
				createdBy.getIfAvailable(QueueJobAutoConfiguration::nobody), NodeWiring.observer(observers));
		enqueuer.setTracing(tracing.getIfAvailable(() -> EnqueueTracing.NONE));
		enqueuer.setNotificationWindow(notificationWindow);
		return enqueuer;
	}

	@Bean
	@ConditionalOnMissingBean
	NotificationWindow queueJobNotificationWindow(JobStores stores, QueueJobProperties properties) {
		Duration window = properties.getListener().getNotifyWindow();
		if (window == null || window.isNegative()) {
			throw new InvalidQueueJobPropertyException("queue-job.listener.notify-window",
					"queue-job.listener.notify-window must be zero or positive; got " + window,
					"Set queue-job.listener.notify-window to a duration such as 5ms, or 0 to notify from every"
							+ " storing transaction.",
					null);
		}
		return new NotificationWindow(window, stores.enqueue()::notify);
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
	JobMinuteStore queueJobMinuteStore(QueueJobDatabase database) {
		return new JobMinuteStore(new JdbcTemplate(database.dataSource()), database.schema());
	}

	@Bean
	@ConditionalOnMissingBean
	ChannelScheduler queueJobChannelScheduler(QueueJobProperties properties) {
		return new ChannelScheduler(ChannelTreeFactory.create(properties.getChannels(), properties.getChannel()),
				properties.getRunner().getMaxWindow());
	}

	/**
	 * Who enqueues jobs when nothing says: nobody is recorded.
	 */
	private static CreatedByProvider nobody() {
		return () -> null;
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
				QueueJobSettings settings, ObjectProvider<JobWorkers> workers, ObjectProvider<RunnerElection> election,
				ObjectProvider<DeadJobRescue> rescue, QueueJobDatabase database,
				ObjectProvider<JobLifecycleObserver> observers) {
			JobRunner jobRunner = new JobRunner(stores.runner(), scheduler,
					new JobRunner.Settings(settings.getPollInterval(), settings.getClock()),
					NodeWiring.waking(workers, JobWorkers::wake), election.getIfAvailable(), database.transaction(),
					rescue.getIfAvailable(), NodeWiring.observer(observers));
			jobRunner.setAutoStartup(properties.isAutoStartup());
			return jobRunner;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.vacuum.enabled", matchIfMissing = true)
		@DependsOnDatabaseInitialization
		JobVacuum queueJobVacuum(QueueJobDatabase database, QueueJobProperties properties, QueueJobSettings settings,
				ChannelScheduler scheduler, ObjectProvider<RunnerElection> election) {
			QueueJobProperties.Vacuum vacuum = properties.getVacuum();
			QueueJobProperties.History history = properties.getHistory();
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			JobVacuum jobVacuum = new JobVacuum(new JobVacuumStore(jdbc, database.schema()),
					new JobHistoryStore(jdbc, database.schema()),
					new JobVacuum.Settings(vacuum.getRemovalInterval(), channelRemovalIntervals(properties),
							vacuum.getInterval(), vacuum.getBatchSize(),
							new JobVacuum.History(history.isEnabled(), history.getMoveAfter(),
									history.getMoveInterval(), longestRatePeriod(scheduler)),
							settings.getClock()),
					NodeWiring.elected(election.getIfAvailable()), database.transaction());
			jobVacuum.setAutoStartup(properties.isAutoStartup());
			return jobVacuum;
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		JobMinuteRollup queueJobMinuteRollup(JobMinuteStore store, QueueJobDatabase database,
				QueueJobProperties properties, ObjectProvider<RunnerElection> election) {
			JobMinuteRollup rollup = new JobMinuteRollup(store, NodeWiring.elected(election.getIfAvailable()),
					database.transaction());
			rollup.setAutoStartup(properties.isAutoStartup());
			return rollup;
		}

		private static Duration longestRatePeriod(ChannelScheduler scheduler) {
			return scheduler.tree()
				.ratePeriods()
				.values()
				.stream()
				.max(Comparator.naturalOrder())
				.orElse(Duration.ZERO);
		}

		private static Map<String, Duration> channelRemovalIntervals(QueueJobProperties properties) {
			Map<String, Duration> intervals = new LinkedHashMap<>();
			properties.getChannel().forEach((name, channel) -> {
				if (channel.getRemovalInterval() != null) {
					intervals.put(name, channel.getRemovalInterval());
				}
			});
			return intervals;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.listener.enabled", matchIfMissing = true)
		DeadJobRescue queueJobDeadJobRescue(JobStores stores, QueueJobProperties properties,
				ObjectProvider<JobLifecycleObserver> observers) {
			return new DeadJobRescue(stores.rescue(), NodeWiring.timeouts(properties).deadNodeGrace(),
					NodeWiring.observer(observers));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.listener.enabled", matchIfMissing = true)
		RunnerElection queueJobRunnerElection(JobStores stores, QueueJobProperties properties,
				ObjectProvider<JobRunner> runner) {
			return new RunnerElection(stores.lockName(), NodeWiring.timeouts(properties).fencingTimeout(),
					NodeWiring.waking(runner, JobRunner::wake));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "queue-job.worker.enabled", matchIfMissing = true)
	static class WorkerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunningJobs queueJobRunningJobs(QueueJobProperties properties) {
			return new RunningJobs(properties.getWorker().getStopGrace());
		}

		@Bean
		@ConditionalOnMissingBean
		JobExecutor queueJobExecutor(JobStores stores, JobFunctionRegistry functions, JobArgumentCodec codec,
				QueueJobSettings settings, QueueJobProperties properties, BeanFactory beanFactory,
				QueueJobDatabase database, ObjectProvider<JobLifecycleObserver> observers, RunningJobs runningJobs,
				ObjectProvider<JobProgressWriter> progress, ObjectProvider<JobExecutionScope> scopes) {
			JobExecutor executor = new JobExecutor(stores.workers(), functions, codec, beanFactory::getBean,
					database.newTransaction(), settings.getClock(), NodeWiring.observer(observers), runningJobs);
			executor.setResultWriter(new JobResultWriter(codec, properties.getMaxResultSize().toBytes()));
			executor.setProgressWriter(progress.getIfAvailable());
			executor.setExecutionScope(NodeWiring.scope(scopes));
			return executor;
		}

		@Bean
		@ConditionalOnMissingBean
		JobProgressWriter queueJobProgressWriter(QueueJobDatabase database, QueueJobProperties properties) {
			JobProgressWriter writer = new JobProgressWriter(
					new JobProgressStore(new JdbcTemplate(database.dataSource()), database.schema()));
			writer.setAutoStartup(properties.isAutoStartup());
			return writer;
		}

		@Bean
		@ConditionalOnMissingBean
		JobWorkers queueJobWorkers(JobStores stores, JobExecutor executor, QueueJobProperties properties,
				QueueJobSettings settings, ChannelScheduler scheduler, ObjectProvider<JobRunner> runner,
				ObjectProvider<NodeLiveness> liveness) {
			NodeLiveness node = liveness.getIfAvailable();
			// the jobs must name the worker of the liveness lock, which may be an
			// application's own
			String worker = (node != null) ? node.worker() : settings.getWorkerName();
			JobWorkers jobWorkers = new JobWorkers(stores.workers(), executor, scheduler,
					new JobWorkers.Settings(settings.getWorkerThreads(), settings.getClaimAhead(),
							settings.getPollInterval(), settings.getShutdownGrace(), worker),
					NodeWiring.alive(node), NodeWiring.lookedUpOnce(runner));
			jobWorkers.setAutoStartup(properties.isAutoStartup());
			return jobWorkers;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "queue-job.listener.enabled", matchIfMissing = true)
		NodeLiveness queueJobNodeLiveness(QueueJobProperties properties, QueueJobSettings settings,
				ObjectProvider<JobWorkers> workers) {
			return new NodeLiveness(settings.getWorkerName(), NodeWiring.timeouts(properties).fencingTimeout(),
					NodeWiring.waking(workers, JobWorkers::wake));
		}

	}

}
