package io.queuejob.spring.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.TestJobs;
import io.queuejob.spring.autoconfigure.jpahost.AppOrder;
import io.queuejob.spring.autoconfigure.jpahost.AppOrderRepository;
import io.queuejob.spring.internal.store.EnqueueStore;
import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.NewJob;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.store.JobEntity;
import io.queuejob.spring.store.JobRepository;
import io.queuejob.spring.store.JobSpecifications;
import io.queuejob.spring.store.JobStateCount;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QueueJobJpaAutoConfiguration} inside an application that has its own
 * JPA entity and repository, each on a fresh database, with Hibernate validating every
 * mapping against the tables.
 */
class QueueJobJpaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, TransactionAutoConfiguration.class,
				QueueJobSchemaAutoConfiguration.class, QueueJobJpaAutoConfiguration.class))
		.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate");

	@Test
	void hostRepositoryAndJobRepositoryWorkWithBootDefaultScanning() {
		TestDatabase database = databaseWithApplicationTable();
		this.contextRunner.withUserConfiguration(DefaultScanningApplication.class)
			.withPropertyValues(database.properties())
			.run(QueueJobJpaAutoConfigurationTests::assertBothRepositoriesWork);
	}

	@Test
	void hostRepositoryAndJobRepositoryWorkWithExplicitRepositoryAndEntityScanning() {
		TestDatabase database = databaseWithApplicationTable();
		this.contextRunner.withUserConfiguration(ExplicitScanningApplication.class)
			.withPropertyValues(database.properties())
			.run(QueueJobJpaAutoConfigurationTests::assertBothRepositoriesWork);
	}

	@Test
	void hostRepositoryAndJobRepositoryWorkBesideTheHostsFlywayMigrations() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withUserConfiguration(DefaultScanningApplication.class)
			.withPropertyValues(TestDatabase.fresh().properties())
			.withPropertyValues("spring.flyway.locations=classpath:db/test-application")
			.run(QueueJobJpaAutoConfigurationTests::assertBothRepositoriesWork);
	}

	@Test
	void hostScanningThatCoversTheStarterRegistersTheJobRepositoryOnce() {
		TestDatabase database = databaseWithApplicationTable();
		this.contextRunner.withUserConfiguration(StarterCoveringScanningApplication.class)
			.withPropertyValues(database.properties())
			.run(QueueJobJpaAutoConfigurationTests::assertBothRepositoriesWork);
	}

	@Test
	void jobTablesLiveInTheConfiguredSchemaAndApplicationTablesStayInTheirs() {
		TestDatabase database = databaseWithApplicationTable();
		this.contextRunner.withUserConfiguration(ExplicitScanningApplication.class)
			.withPropertyValues(database.properties())
			.withPropertyValues("queue-job.schema=qj")
			.run((context) -> {
				assertBothRepositoriesWork(context);
				JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
				EnqueueStore store = JdbcJobStores.create(jdbc, new QueueJobSchema("qj"), false).enqueue();
				UUID parent = UUID.randomUUID();
				UUID child = UUID.randomUUID();
				store.insertDependency(store.insert(job(parent, JobState.PENDING)),
						store.insert(job(child, JobState.WAIT_DEPENDENCIES)));
				JobRepository jobs = context.getBean(JobRepository.class);
				context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
					JobEntity childJob = jobs.findByUuid(child).orElseThrow();
					assertThat(childJob.getDependsOn()).extracting(JobEntity::getUuid).containsExactly(parent);
				});
				assertThat(jobs.count(JobSpecifications.inStates(JobState.WAIT_DEPENDENCIES))).isOne();
				assertThat(jobs.countPerState()).containsExactlyInAnyOrder(new JobStateCount(JobState.PENDING, 1),
						new JobStateCount(JobState.WAIT_DEPENDENCIES, 1));
			});
	}

	@Test
	void withHibernateXmlMappingsOffJobTablesAreFoundOnTheSearchPath() {
		TestDatabase database = databaseWithApplicationTable();
		this.contextRunner.withUserConfiguration(ExplicitScanningApplication.class)
			.withPropertyValues(database.properties())
			.withPropertyValues("spring.datasource.url=" + database.url() + "?currentSchema=qj,public",
					"queue-job.schema=qj", "spring.jpa.properties.hibernate.xml_mapping_enabled=false",
					// Hibernate validates unqualified tables in the first schema of the
					// path only
					"spring.jpa.hibernate.ddl-auto=none")
			.run(QueueJobJpaAutoConfigurationTests::assertBothRepositoriesWork);
	}

	@Test
	void backsOffWhenQueueJobIsDisabledLeavingTheHostRepository() {
		TestDatabase database = databaseWithApplicationTable();
		this.contextRunner.withUserConfiguration(DefaultScanningApplication.class)
			.withPropertyValues(database.properties())
			.withPropertyValues("queue-job.enabled=false", "spring.jpa.hibernate.ddl-auto=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(JobRepository.class)
				.hasSingleBean(AppOrderRepository.class));
	}

	@Test
	void backsOffWithoutJpaWhileJobsStillRun() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					DataJpaRepositoriesAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class,
					QueueJobAutoConfiguration.class, QueueJobJpaAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate",
					"org.springframework.orm.jpa", "org.springframework.data.jpa"))
			.withUserConfiguration(JobsConfiguration.class)
			.withPropertyValues(TestDatabase.fresh().properties())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(QueueJobJpaAutoConfiguration.class)
					.doesNotHaveBean(JobRepository.class)
					.hasSingleBean(JobQueue.class);
				TestJobs jobs = context.getBean(TestJobs.class);
				jobs.record("without JPA");
				await().atMost(Duration.ofSeconds(30)).until(() -> jobs.calls().contains("without JPA"));
			});
	}

	@Test
	void backsOffWithoutDataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QueueJobJpaAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobRepository.class));
	}

	private static void assertBothRepositoriesWork(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed().hasSingleBean(JobRepository.class).hasSingleBean(AppOrderRepository.class);
		AppOrderRepository orders = context.getBean(AppOrderRepository.class);
		orders.save(new AppOrder("A-1"));
		assertThat(orders.findByNumber("A-1")).isPresent();
		assertThat(context.getBean(JobRepository.class).count()).isZero();
	}

	private static TestDatabase databaseWithApplicationTable() {
		TestDatabase database = TestDatabase.fresh();
		new JdbcTemplate(database.dataSource()).execute(
				"CREATE TABLE app_order (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, number varchar(40) NOT NULL)");
		return database;
	}

	private static NewJob job(UUID uuid, JobState state) {
		return new NewJob(uuid, null, state, "root", 10, null, 5, "invoiceService.send", "[]", null, null, null);
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = AppOrder.class)
	static class DefaultScanningApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = AppOrder.class)
	@EnableJpaRepositories(basePackageClasses = AppOrderRepository.class)
	static class ExplicitScanningApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = { AppOrder.class, JobEntity.class })
	@EnableJpaRepositories(basePackageClasses = { AppOrderRepository.class, JobRepository.class })
	static class StarterCoveringScanningApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class JobsConfiguration {

		@Bean
		TestJobs testJobs(JdbcTemplate jdbc) {
			return new TestJobs(jdbc);
		}

	}

}
