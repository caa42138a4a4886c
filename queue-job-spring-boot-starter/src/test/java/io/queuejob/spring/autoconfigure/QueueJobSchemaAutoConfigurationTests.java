package io.queuejob.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.queuejob.spring.InvalidQueueJobPropertyException;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.QueueJobSchemaMigration;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link QueueJobSchemaAutoConfiguration}, each on a fresh database.
 */
class QueueJobSchemaAutoConfigurationTests {

	/**
	 * The tables the starter's migrations create, with the schema history.
	 */
	private static final List<String> STARTER_TABLES = List.of("queue_job", "queue_job_dependency", "queue_job_node",
			"queue_job_channel_pause", "queue_job_schedule", "queue_job_minute", "queue_job_minute_watermark",
			"queue_job_history", "queue_job_history_default", "queue_job_schema_history");

	private static final String MIGRATION_BEAN = "queueJobSchemaMigration";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DataSourceAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class));

	@Test
	void createsTablesAndHistoryOnEmptyDatabase() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties()).run((context) -> {
			assertThat(context).hasSingleBean(QueueJobSchemaMigration.class);
			assertThat(tables(database, "public")).containsExactlyInAnyOrderElementsOf(STARTER_TABLES);
			assertThat(appliedVersions(database, "public")).containsExactlyElementsOf(starterVersions());
		});
	}

	@Test
	void createsIndexesForTheRunnerAndWorkers() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties()).run((context) -> {
			List<String> indexes = jdbc(database).queryForList(
					"SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE 'queue_job%'",
					String.class);
			assertThat(indexes).contains("queue_job_pkey", "queue_job_uuid_key", "queue_job_dependency_pkey",
					"queue_job_dependency_child_idx", "queue_job_pending_idx", "queue_job_pending_eta_idx",
					"queue_job_enqueued_idx", "queue_job_running_idx", "queue_job_failed_idx",
					"queue_job_identity_key_idx", "queue_job_graph_idx", "queue_job_started_idx");
		});
	}

	@Test
	void identityKeyIndexIsUniqueAmongJobsNotYetStarted() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties()).run((context) -> {
			Boolean partialAndUnique = jdbc(database).queryForObject("""
					SELECT i.indisunique AND i.indpred IS NOT NULL
					FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
					WHERE c.relname = 'queue_job_identity_key_idx'""", Boolean.class);
			assertThat(partialAndUnique).isTrue();
			insertJob(database, "done", "invoice-42");
			insertJob(database, "failed", "invoice-42");
			insertJob(database, "pending", "invoice-42");
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> insertJob(database, "enqueued", "invoice-42"));
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> insertJob(database, "wait_dependencies", "invoice-42"));
		});
	}

	@Test
	void migratesNonEmptySchema() {
		TestDatabase database = TestDatabase.fresh();
		jdbc(database).execute("CREATE TABLE app_customer (id bigint PRIMARY KEY)");
		this.contextRunner.withPropertyValues(database.properties()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables(database, "public")).containsExactlyInAnyOrderElementsOf(withTables("app_customer"));
			assertThat(appliedVersions(database, "public")).containsExactlyElementsOf(withBaseline(starterVersions()));
		});
	}

	@Test
	void migratesBesideApplicationFlywayMigrations() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withPropertyValues(database.properties())
			.withPropertyValues("spring.flyway.locations=classpath:db/test-application")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(tables(database, "public"))
					.containsExactlyInAnyOrderElementsOf(withTables("app_order", "flyway_schema_history"));
				// The application's Flyway ran first: it refuses a non-empty schema
				// without
				// its history table, while ours baselines the schema it then finds
				assertThat(dependsOn(context.getBeanFactory(), MIGRATION_BEAN)).contains("flywayInitializer");
				assertThat(appliedVersions(database, "public"))
					.containsExactlyElementsOf(withBaseline(starterVersions()));
			});
	}

	@Test
	void beansThatDependOnDatabaseInitializationWaitForTheMigration() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withUserConfiguration(JobCountConfiguration.class)
			.withPropertyValues(database.properties())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("jobCount")).isEqualTo(0L);
				assertThat(dependsOn(context.getBeanFactory(), "jobCount")).contains(MIGRATION_BEAN);
			});
	}

	@Test
	void entityManagerFactoryWaitsForTheMigration() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class))
			.withPropertyValues(database.properties())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(dependsOn(context.getBeanFactory(), "entityManagerFactory")).contains(MIGRATION_BEAN);
			});
	}

	@Test
	void migrationDisabledCreatesNothing() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties())
			.withPropertyValues("queue-job.migration.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobSchemaMigration.class);
				assertThat(tables(database, "public")).isEmpty();
			});
	}

	@Test
	void queueJobDisabledBacksOff() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties())
			.withPropertyValues("queue-job.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(QueueJobSchemaMigration.class)
					.doesNotHaveBean(QueueJobProperties.class);
				assertThat(tables(database, "public")).isEmpty();
			});
	}

	@Test
	void migratesIntoConfiguredSchemaCreatingIt() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties())
			.withPropertyValues("queue-job.schema=qj")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(tables(database, "qj")).containsExactlyInAnyOrderElementsOf(STARTER_TABLES);
				assertThat(tables(database, "public")).isEmpty();
				assertThat(appliedVersions(database, "qj")).contains("1");
			});
	}

	@Test
	void invalidSchemaNameFailsStartupNamingTheProperty() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties())
			.withPropertyValues("queue-job.schema=qj; DROP TABLE x")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidQueueJobPropertyException.class)
					.hasMessageContaining("queue-job.schema");
				assertThat(tables(database, "public")).isEmpty();
			});
	}

	@Test
	void secondStartOnSameDatabaseChangesNothing() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withPropertyValues(database.properties())
			.run((context) -> insertJob(database, "pending", null));
		this.contextRunner.withPropertyValues(database.properties()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(appliedVersions(database, "public")).containsExactlyElementsOf(starterVersions());
			assertThat(jdbc(database).queryForObject("SELECT count(*) FROM queue_job", Long.class)).isOne();
		});
	}

	@Test
	void userDefinedMigrationBeanWins() {
		TestDatabase database = TestDatabase.fresh();
		this.contextRunner.withUserConfiguration(SchemaMigrationConfiguration.class)
			.withPropertyValues(database.properties())
			.run((context) -> {
				assertThat(context).hasSingleBean(QueueJobSchemaMigration.class).hasBean("customMigration");
				assertThat(tables(database, "custom")).contains("queue_job");
			});
	}

	@Test
	void backsOffWithoutDataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QueueJobSchemaAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobSchemaMigration.class));
	}

	private static JdbcTemplate jdbc(TestDatabase database) {
		return new JdbcTemplate(database.dataSource());
	}

	private static List<String> tables(TestDatabase database, String schema) {
		return jdbc(database).queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ?", String.class,
				schema);
	}

	/**
	 * The versions of the starter's migrations, in order, read from the class path so
	 * that a new migration needs no change here.
	 */
	private static List<String> starterVersions() {
		try {
			Resource[] migrations = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:io/queuejob/spring/db/migration/V*__*.sql");
			List<String> versions = Arrays.stream(migrations)
				.map((migration) -> migration.getFilename().substring(1, migration.getFilename().indexOf("__")))
				.sorted(Comparator.comparingInt(Integer::parseInt))
				.toList();
			assertThat(versions).as("the starter's migrations").isNotEmpty().startsWith("1");
			return versions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> withTables(String... applicationTables) {
		List<String> tables = new ArrayList<>(STARTER_TABLES);
		tables.addAll(List.of(applicationTables));
		return tables;
	}

	private static List<String> withBaseline(List<String> versions) {
		List<String> withBaseline = new ArrayList<>(List.of("0"));
		withBaseline.addAll(versions);
		return withBaseline;
	}

	private static List<String> appliedVersions(TestDatabase database, String schema) {
		return jdbc(database).queryForList(
				"SELECT version FROM " + schema + ".queue_job_schema_history WHERE success ORDER BY installed_rank",
				String.class);
	}

	private static void insertJob(TestDatabase database, String state, String identityKey) {
		jdbc(database).update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, identity_key)
				VALUES (gen_random_uuid(), ?, 'root', 10, 5, 'invoiceService.send', '[]', ?)""", state, identityKey);
	}

	private static List<String> dependsOn(ConfigurableListableBeanFactory beanFactory, String beanName) {
		String[] dependsOn = beanFactory.getBeanDefinition(beanName).getDependsOn();
		return (dependsOn != null) ? List.of(dependsOn) : List.of();
	}

	@Configuration(proxyBeanMethods = false)
	static class JobCountConfiguration {

		@Bean
		@DependsOnDatabaseInitialization
		Long jobCount(javax.sql.DataSource dataSource) {
			return new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM queue_job", Long.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SchemaMigrationConfiguration {

		@Bean
		QueueJobSchemaMigration customMigration(javax.sql.DataSource dataSource) {
			return new QueueJobSchemaMigration(dataSource, new QueueJobSchema("custom"));
		}

	}

}
