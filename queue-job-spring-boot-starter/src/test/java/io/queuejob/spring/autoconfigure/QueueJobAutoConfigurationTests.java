package io.queuejob.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.queuejob.core.JobOptions;
import io.queuejob.core.RetryableJobException;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.core.channel.ChannelTree;
import io.queuejob.spring.Delayable;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.internal.enqueue.DefaultJobQueue;
import io.queuejob.spring.internal.enqueue.StoringJobEnqueuer;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.function.QueueJobAnnotationBeanPostProcessor;
import io.queuejob.spring.internal.runner.DeadJobRescue;
import io.queuejob.spring.internal.runner.JobExecutor;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.internal.runner.PostgresJobListener;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.QueueJobSchemaMigration;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QueueJobAutoConfiguration}: conditions, back-off, property binding,
 * channels and job function overrides, on the shared test database.
 */
@ExtendWith(DeleteJobsBeforeEach.class)
class QueueJobAutoConfigurationTests {

	private static final TestDatabase database = TestDatabase.shared();

	private static final List<Class<?>> ALL_BEAN_TYPES = List.of(QueueJobProperties.class, JobFunctionRegistry.class,
			QueueJobAnnotationBeanPostProcessor.class, JobStores.class, JobArgumentCodec.class, JobQueue.class,
			ChannelScheduler.class, JobRunner.class, JobExecutor.class, JobWorkers.class, PostgresJobListener.class,
			RunnerElection.class, NodeLiveness.class, DeadJobRescue.class);

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(DataSourceAutoConfiguration.class,
			DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
			JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(database.properties());

	/**
	 * A context for the tests that only look at its beans: its listener, runner, workers
	 * and vacuum do not start and it needs no database (the schema migration is off and
	 * the data source points to a port where nothing listens, so that a connection would
	 * fail the test), hence no threads and no connection.
	 */
	private final ApplicationContextRunner beansOnly = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/no-database",
				"spring.datasource.username=nobody", "spring.datasource.hikari.initialization-fail-timeout=-1",
				"queue-job.migration.enabled=false", "queue-job.auto-startup=false");

	@Test
	void createsEveryBeanByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			ALL_BEAN_TYPES.forEach((type) -> assertThat(context).hasSingleBean(type));
			assertThat(context.getBean(JobQueue.class)).isInstanceOf(DefaultJobQueue.class);
			await().atMost(Duration.ofSeconds(10)).until(context.getBean(PostgresJobListener.class)::isConnected);
		});
	}

	@Test
	void backsOffWithoutDataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TransactionAutoConfiguration.class,
				JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ALL_BEAN_TYPES.forEach((type) -> assertThat(context).doesNotHaveBean(type));
			});
	}

	@Test
	void disabledCreatesNothing() {
		this.contextRunner.withPropertyValues("queue-job.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobSchemaMigration.class);
			ALL_BEAN_TYPES.forEach((type) -> assertThat(context).doesNotHaveBean(type));
		});
	}

	@Test
	void runnerSwitchRemovesOnlyTheRunner() {
		this.beansOnly.withPropertyValues("queue-job.runner.enabled=false")
			.run(hasAllBeansBut(JobRunner.class, RunnerElection.class, DeadJobRescue.class));
	}

	@Test
	void workerSwitchRemovesOnlyTheWorkers() {
		this.beansOnly.withPropertyValues("queue-job.worker.enabled=false")
			.run(hasAllBeansBut(JobWorkers.class, JobExecutor.class, NodeLiveness.class));
	}

	@Test
	void listenerSwitchRemovesOnlyTheListener() {
		this.beansOnly.withPropertyValues("queue-job.listener.enabled=false")
			.run(hasAllBeansBut(PostgresJobListener.class, RunnerElection.class, NodeLiveness.class,
					DeadJobRescue.class));
	}

	@Test
	void userDefinedJobQueueWins() {
		this.beansOnly.withBean("customJobQueue", JobQueue.class, CustomJobQueue::new).run((context) -> {
			assertThat(context).hasSingleBean(JobQueue.class).hasBean("customJobQueue");
			assertThat(context).doesNotHaveBean(DefaultJobQueue.class);
		});
	}

	@Test
	void userDefinedJobQueueLeavesQueueJobMethodsEnqueueing() {
		this.contextRunner.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false")
			.withBean("customJobQueue", JobQueue.class, CustomJobQueue::new)
			.withBean(OverriddenJobs.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(StoringJobEnqueuer.class);
				String id = UUID.randomUUID().toString();
				context.getBean(OverriddenJobs.class).sync(id);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(
						jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE args ->> 0 = ?", Integer.class, id))
					.isEqualTo(1);
			});
	}

	@Test
	void workersClaimReadyJobsDirectlyOnlyWhileNoChannelLimitsItsJobs() {
		this.beansOnly.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false")
			.run((context) -> assertThat(context.getBean(JobStores.class).directClaims()).isTrue());
		this.beansOnly
			.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
					"queue-job.channels=mail:2")
			.run((context) -> assertThat(context.getBean(JobStores.class).directClaims()).isFalse());
		this.beansOnly
			.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
					"queue-job.worker.direct-claims=false")
			.run((context) -> assertThat(context.getBean(JobStores.class).directClaims()).isFalse());
	}

	@Test
	void workersClaimAheadOnlyWhereTheRootCapacityAllowsABacklog() {
		this.beansOnly.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.threads=4")
			.run((context) -> assertThat(context.getBean(JobWorkers.class).claimAhead()).isEqualTo(12));
		this.beansOnly
			.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.threads=4",
					"queue-job.channels=root:200")
			.run((context) -> assertThat(context.getBean(JobWorkers.class).claimAhead()).isEqualTo(12));
		// at most 20 enqueued at once: never the backlog of a tenth of max-window
		this.beansOnly
			.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.threads=4",
					"queue-job.channels=root:20", "queue-job.worker.claim-ahead=5")
			.run((context) -> assertThat(context.getBean(JobWorkers.class).claimAhead()).isZero());
	}

	@Test
	void userDefinedJobStoreWins() {
		this.beansOnly
			.withBean("customJobStores", JobStores.class,
					() -> JdbcJobStores.create(new JdbcTemplate(database.dataSource()), new QueueJobSchema("public"),
							false))
			.run((context) -> assertThat(context).hasSingleBean(JobStores.class).hasBean("customJobStores"));
	}

	@Test
	void userDefinedChannelSchedulerWinsAndChannelPropertiesAreNotRead() {
		this.beansOnly
			.withBean("customScheduler", ChannelScheduler.class,
					() -> new ChannelScheduler(ChannelTree.parse("root:3")))
			.withPropertyValues("queue-job.channels=root:not-a-number")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ChannelScheduler.class).hasBean("customScheduler");
				assertThat(context.getBean(ChannelScheduler.class).tree().root().capacity()).isEqualTo(3);
			});
	}

	@Test
	void userDefinedFunctionRegistryAndCodecWin() {
		this.beansOnly.withBean("customRegistry", JobFunctionRegistry.class, () -> new JobFunctionRegistry(Map.of()))
			.withBean("customCodec", JobArgumentCodec.class, () -> new JobArgumentCodec(JsonMapper.builder().build()))
			.run((context) -> {
				assertThat(context).hasSingleBean(JobFunctionRegistry.class).hasBean("customRegistry");
				assertThat(context).hasSingleBean(JobArgumentCodec.class).hasBean("customCodec");
			});
	}

	@Test
	void userDefinedRunnerWorkersAndListenerWin() {
		this.contextRunner.withUserConfiguration(CustomLifecycleBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(JobRunner.class).hasBean("customRunner");
			assertThat(context).hasSingleBean(JobWorkers.class).hasBean("customWorkers");
			assertThat(context).hasSingleBean(PostgresJobListener.class).hasBean("customListener");
		});
	}

	@Test
	void propertiesHaveTheirDefaults() {
		this.contextRunner.run((context) -> {
			QueueJobProperties properties = context.getBean(QueueJobProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getChannels()).isEmpty();
			assertThat(properties.getChannel()).isEmpty();
			assertThat(properties.getFunctions()).isEmpty();
			assertThat(properties.getPollInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getSchema()).isNull();
			assertThat(properties.isNoDelay()).isFalse();
			assertThat(properties.getMigration().isEnabled()).isTrue();
			assertThat(properties.getRunner().isEnabled()).isTrue();
			assertThat(properties.getWorker().isEnabled()).isTrue();
			assertThat(properties.getWorker().getThreads()).isEqualTo(8);
			assertThat(properties.getWorker().getShutdownGrace()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getListener().isEnabled()).isTrue();
			ChannelTree tree = context.getBean(ChannelScheduler.class).tree();
			assertThat(tree.channels()).containsExactly(ChannelConfig.unlimited("root"));
		});
	}

	@Test
	void propertyDefaultsAreTheCoreDefaults() {
		QueueJobProperties properties = new QueueJobProperties();
		assertThat(properties.getRunner().getMaxWindow()).isEqualTo(ChannelScheduler.DEFAULT_MAX_WINDOW);
		this.contextRunner.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.withPropertyValues("queue-job.functions.[overriddenJobs.plain].delayable=true")
			.run((context) -> {
				assertThat(context.getBean(ChannelScheduler.class).maxWindow())
					.isEqualTo(ChannelScheduler.DEFAULT_MAX_WINDOW);
				JobFunction plain = context.getBean(JobFunctionRegistry.class).find("overriddenJobs.plain");
				JobOptions resolved = plain.defaults().orElse(JobOptions.DEFAULTS);
				assertThat(resolved.priority()).isEqualTo(JobOptions.DEFAULT_PRIORITY);
				assertThat(resolved.maxRetries()).isEqualTo(JobOptions.DEFAULT_MAX_RETRIES);
				assertThat(resolved.channel()).isEqualTo(JobOptions.DEFAULT_CHANNEL);
			});
		Map<String, JsonNode> metadata = ConfigurationMetadata.properties();
		assertThat(metadata.get("queue-job.runner.max-window").get("defaultValue").asInt())
			.isEqualTo(ChannelScheduler.DEFAULT_MAX_WINDOW);
	}

	@Test
	void propertiesBind() {
		this.contextRunner
			.withPropertyValues("queue-job.poll-interval=750ms", "queue-job.schema=public", "queue-job.no-delay=true",
					"queue-job.runner.max-window=50", "queue-job.worker.threads=3",
					"queue-job.worker.shutdown-grace=1m", "queue-job.functions.[overriddenJobs.plain].delayable=true",
					"queue-job.functions.[overriddenJobs.plain].priority=4")
			.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				QueueJobProperties properties = context.getBean(QueueJobProperties.class);
				assertThat(properties.getPollInterval()).isEqualTo(Duration.ofMillis(750));
				assertThat(properties.getSchema()).isEqualTo("public");
				assertThat(properties.isNoDelay()).isTrue();
				assertThat(properties.getRunner().getMaxWindow()).isEqualTo(50);
				assertThat(properties.getWorker().getThreads()).isEqualTo(3);
				assertThat(properties.getWorker().getShutdownGrace()).isEqualTo(Duration.ofMinutes(1));
				assertThat(properties.getFunctions()).containsOnlyKeys("overriddenJobs.plain");
				assertThat(properties.getFunctions().get("overriddenJobs.plain").isDelayable()).isTrue();
				assertThat(
						context.getBean(JobFunctionRegistry.class).find("overriddenJobs.plain").defaults().priority())
					.isEqualTo(4);
				assertThat(context.getBean(ChannelScheduler.class).maxWindow()).isEqualTo(50);
				assertThat(context.getBean(StoringJobEnqueuer.class).runsImmediately()).isTrue();
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void noDelayModeLogsOneWarningAtStartUp(CapturedOutput output) {
		this.contextRunner.withPropertyValues("queue-job.no-delay=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(StoringJobEnqueuer.class).runsImmediately()).isTrue();
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("no-delay mode is on")))
			.singleElement(as(InstanceOfAssertFactories.STRING))
			.contains("WARN")
			.contains("jobs run synchronously in the caller's thread and nothing is stored");
	}

	@Test
	void configurationMetadataDescribesEveryKey() {
		Map<String, JsonNode> properties = ConfigurationMetadata.properties();
		assertThat(properties).containsKeys("queue-job.enabled", "queue-job.channels", "queue-job.channel",
				"queue-job.functions", "queue-job.poll-interval", "queue-job.schema", "queue-job.no-delay",
				"queue-job.migration.enabled", "queue-job.runner.enabled", "queue-job.runner.max-window",
				"queue-job.worker.enabled", "queue-job.worker.threads", "queue-job.worker.shutdown-grace",
				"queue-job.listener.enabled");
		properties.forEach(
				(name, property) -> assertThat(property.path("description").asString()).as("description of %s", name)
					.isNotBlank());
		assertThat(properties.get("queue-job.poll-interval").get("defaultValue").asString()).isEqualTo("5s");
		assertThat(properties.get("queue-job.worker.threads").get("defaultValue").asInt()).isEqualTo(8);
	}

	@Test
	void channelsInCompactAndStructuredFormAreMerged() {
		this.beansOnly
			.withPropertyValues("queue-job.channels=root:4, export:1:sequential",
					"queue-job.channel.[root.mail].capacity=2", "queue-job.channel.api.throttle=2s",
					"queue-job.channel.[root.api.slow].sequential=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ChannelTree tree = context.getBean(ChannelScheduler.class).tree();
				assertThat(tree.channels()).containsExactlyInAnyOrder(ChannelConfig.withCapacity("root", 4),
						new ChannelConfig("root.export", 1, true, null), ChannelConfig.withCapacity("root.mail", 2),
						new ChannelConfig("root.api", null, false, Duration.ofSeconds(2)),
						new ChannelConfig("root.api.slow", 1, true, null));
				assertThat(context.getBean(JobRunner.class)).isNotNull();
			});
	}

	@Test
	void structuredChannelsBindFromYaml() {
		this.beansOnly.withInitializer(yaml("io/queuejob/spring/autoconfigure/channels.yml")).run((context) -> {
			assertThat(context).hasNotFailed();
			ChannelTree tree = context.getBean(ChannelScheduler.class).tree();
			assertThat(tree.resolve("root.mail")).isEqualTo(ChannelConfig.withCapacity("root.mail", 2));
			assertThat(tree.resolve("root.export.pdf")).isEqualTo(new ChannelConfig("root.export", 1, true, null));
			assertThat(tree.root()).isEqualTo(ChannelConfig.withCapacity("root", 5));
		});
	}

	@Test
	void fencingTimeoutIsHalfTheDeadNodeGraceUnlessSet() {
		this.beansOnly.withPropertyValues("queue-job.runner.dead-node-grace=8s").run((context) -> {
			assertThat(context.getBean(PostgresJobListener.class).fencingTimeout()).isEqualTo(Duration.ofSeconds(4));
			assertThat(context.getBean(NodeLiveness.class).fencingTimeout()).isEqualTo(Duration.ofSeconds(4));
			assertThat(context.getBean(RunnerElection.class).fencingTimeout()).isEqualTo(Duration.ofSeconds(4));
		});
		this.beansOnly.withPropertyValues("queue-job.listener.fencing-timeout=2s")
			.run((context) -> assertThat(context.getBean(NodeLiveness.class).fencingTimeout())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void fencingTimeoutNotShorterThanTheDeadNodeGraceStopsStartup() {
		this.contextRunner
			.withPropertyValues("queue-job.runner.dead-node-grace=5s", "queue-job.listener.fencing-timeout=5s")
			.run((context) -> assertThat(startupFailure(context)).contains("queue-job.listener.fencing-timeout")
				.contains("must be shorter than queue-job.runner.dead-node-grace"));
	}

	@Test
	void badCompactChannelEntryStopsStartupNamingIt() {
		this.contextRunner.withPropertyValues("queue-job.channels=root:4, mail:zero").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(startupFailure(context)).contains("queue-job.channels").contains("mail:zero");
		});
	}

	@Test
	void badStructuredChannelEntryStopsStartupNamingIt() {
		this.contextRunner.withPropertyValues("queue-job.channel.[root.mail].capacity=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(startupFailure(context)).contains("queue-job.channel")
				.contains("[root.mail]")
				.contains("capacity must be at least 1");
		});
	}

	@Test
	void badStructuredChannelNameStopsStartupNamingIt() {
		this.contextRunner.withPropertyValues("queue-job.channel.[root..mail].capacity=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(startupFailure(context)).contains("queue-job.channel")
				.contains("[root..mail]")
				.contains("empty segment");
		});
	}

	@Test
	void channelConfiguredInBothFormsStopsStartupNamingIt() {
		this.contextRunner.withPropertyValues("queue-job.channels=mail:3", "queue-job.channel.mail.capacity=2")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(startupFailure(context)).contains("root.mail").contains("configured twice");
			});
	}

	@Test
	void unknownFunctionOverrideStopsStartupNamingIt() {
		this.contextRunner.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.withPropertyValues("queue-job.functions.[invoiceService.send].priority=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(startupFailure(context)).contains("queue-job.functions").contains("invoiceService.send");
			});
	}

	@Test
	void functionEntryForAMethodWithoutQueueJobNeedsDelayable() {
		this.contextRunner.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.withPropertyValues("queue-job.functions.[overriddenJobs.plain].priority=1")
			.run((context) -> assertThat(startupFailure(context))
				.contains("queue-job.functions names no job function: [overriddenJobs.plain]", "delayable: true"));
	}

	@Test
	void declaredMethodThatCannotBeAJobFunctionStopsStartupNamingIt() {
		this.contextRunner.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.withPropertyValues("queue-job.functions.[overriddenJobs.status].delayable=true")
			.run((context) -> assertThat(startupFailure(context)).contains("OverriddenJobs.status",
					"returns a java.util.concurrent.CompletableFuture"));
	}

	@Test
	void functionOverrideWithoutBracketsStopsStartupNamingIt() {
		this.contextRunner.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.withPropertyValues("queue-job.functions.overriddenJobs.sync.priority=1")
			.run((context) -> assertThat(startupFailure(context))
				.contains("queue-job.functions.overriddenjobs.sync.priority"));
	}

	@Test
	void misspelledFunctionOverrideStopsStartupNamingIt() {
		this.contextRunner.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.withPropertyValues("queue-job.functions.[overriddenJobs.sync].prority=1")
			.run((context) -> assertThat(startupFailure(context))
				.contains("queue-job.functions[overriddenJobs.sync].prority"));
	}

	@Test
	void structuredChannelWithoutBracketsStopsStartupNamingIt() {
		this.contextRunner.withPropertyValues("queue-job.channel.root.mail.capacity=2")
			.run((context) -> assertThat(startupFailure(context)).contains("queue-job.channel.root.mail.capacity"));
	}

	@Test
	void yamlFunctionOverrideWinsOverTheAnnotation() {
		Instant before = Instant.now();
		this.contextRunner.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new)
			.withInitializer(yaml("io/queuejob/spring/autoconfigure/function-overrides.yml"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(OverriddenJobs.class).sync("order-1");
				context.getBean(OverriddenJobs.class).notOverridden("order-2");
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				await().atMost(Duration.ofSeconds(30))
					.until(() -> jdbc.queryForObject(
							"SELECT state = 'pending' AND retry = 1 FROM queue_job WHERE job_function = ?",
							Boolean.class, "overriddenJobs.sync"));
				Map<String, Object> overridden = jdbc
					.queryForMap("SELECT * FROM queue_job WHERE job_function = 'overriddenJobs.sync'");
				assertThat(overridden).containsEntry("channel", "root.mail")
					.containsEntry("priority", 3)
					.containsEntry("max_retries", 9);
				// The retry pattern of the yml (1:3600), not the annotation's (1:1)
				Instant eta = ((Timestamp) overridden.get("eta")).toInstant();
				assertThat(eta).isAfter(before.plusSeconds(3000));
				Map<String, Object> annotated = jdbc
					.queryForMap("SELECT * FROM queue_job WHERE job_function = 'overriddenJobs.notOverridden'");
				assertThat(annotated).containsEntry("channel", "root.annotated")
					.containsEntry("priority", 7)
					.containsEntry("max_retries", 2);
			});
	}

	private ContextConsumer<AssertableApplicationContext> hasAllBeansBut(Class<?>... absent) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			List<Class<?>> present = new ArrayList<>(ALL_BEAN_TYPES);
			present.removeAll(List.of(absent));
			present.forEach((type) -> assertThat(context).hasSingleBean(type));
			for (Class<?> type : absent) {
				assertThat(context).doesNotHaveBean(type);
			}
		};
	}

	/**
	 * The messages of the start-up failure and of its causes, one per line.
	 */
	private static String startupFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		StringBuilder messages = new StringBuilder();
		for (Throwable ex = context.getStartupFailure(); ex != null; ex = ex.getCause()) {
			messages.append(ex.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> yaml(String location) {
		return (context) -> {
			try {
				for (PropertySource<?> source : new YamlPropertySourceLoader().load(location,
						new ClassPathResource(location))) {
					context.getEnvironment().getPropertySources().addFirst(source);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
	}

	/**
	 * A {@link JobQueue} of the application's own.
	 */
	static class CustomJobQueue implements JobQueue {

		@Override
		public <T> Delayable delayable(T bean, Consumer<? super T> call) {
			throw new UnsupportedOperationException("custom");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomLifecycleBeans {

		@Bean
		JobRunner customRunner(JobStores stores, ChannelScheduler scheduler) {
			return new JobRunner(stores.runner(), scheduler,
					new JobRunner.Settings(Duration.ofSeconds(1), Clock.systemUTC()), () -> {
					}, null, TransactionOperations.withoutTransaction(), null, JobLifecycleObserver.NONE);
		}

		@Bean
		JobWorkers customWorkers(JobStores stores, JobExecutor executor, ChannelScheduler scheduler) {
			return new JobWorkers(stores.workers(), executor, scheduler,
					new JobWorkers.Settings(1, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), "custom"), () -> true,
					() -> null);
		}

		@Bean
		PostgresJobListener customListener(DataSource dataSource) {
			return new PostgresJobListener(dataSource::getConnection, Duration.ofSeconds(1), Duration.ofSeconds(5));
		}

	}

	/**
	 * Job methods whose options the tests override with properties.
	 */
	public static class OverriddenJobs {

		@QueueJob(channel = "annotated", priority = 7, maxRetries = 2, retryPattern = "1:1")
		public void sync(String id) {
			throw new RetryableJobException("the remote system is down: " + id);
		}

		@QueueJob(channel = "annotated", priority = 7, maxRetries = 2, retryPattern = "1:1")
		public void notOverridden(String id) {
			throw new RetryableJobException("the remote system is down: " + id);
		}

		public void plain() {
		}

		public CompletableFuture<String> status() {
			return CompletableFuture.completedFuture("idle");
		}

	}

}
