package io.queuejob.spring.autoconfigure;

import java.time.Duration;

import io.queuejob.spring.internal.health.QueueJobHealthIndicator;
import io.queuejob.spring.internal.runner.PostgresJobListener;
import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QueueJobHealthAutoConfiguration} and the {@code queueJob} health
 * indicator against PostgreSQL. Each context that checks who runs the runner has a
 * database of its own, since the election lock is per database.
 */
@ExtendWith(DeleteJobsBeforeEach.class)
class QueueJobHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class,
				QueueJobHealthAutoConfiguration.class));

	@Test
	void upWhenThisNodeIsTheRunnerAndItsListenerIsConnected() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties()).run((context) -> {
			assertThat(context).hasSingleBean(QueueJobHealthIndicator.class).hasBean("queueJobHealthIndicator");
			HealthIndicator indicator = context.getBean(QueueJobHealthIndicator.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
			Health health = indicator.health();
			assertThat(health.getDetails()).containsEntry("listenerConnected", true)
				.containsEntry("runnerElected", true)
				.containsEntry("runnerOnThisNode", true)
				.containsKey("node");
		});
	}

	@Test
	void upWhenAnotherNodeIsTheRunner() {
		String[] database = TestDatabase.shared().properties();
		this.contextRunner.withPropertyValues(database).run((runnerNode) -> {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> runnerNode.getBean(QueueJobHealthIndicator.class).health().getStatus().equals(Status.UP));
			this.contextRunner.withPropertyValues(database)
				.withPropertyValues("queue-job.runner.enabled=false")
				.run((workerNode) -> {
					HealthIndicator indicator = workerNode.getBean(QueueJobHealthIndicator.class);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> indicator.health().getStatus().equals(Status.UP));
					assertThat(indicator.health().getDetails()).containsEntry("runnerElected", true)
						.containsEntry("runnerOnThisNode", false);
				});
		});
	}

	@Test
	void downWhenNoNodeRunsTheRunner() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.runner.enabled=false")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(10)).until(context.getBean(PostgresJobListener.class)::isConnected);
				Health health = context.getBean(QueueJobHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("runnerElected", false)
					.containsEntry("listenerConnected", true);
				assertThat((String) health.getDetails().get("reason")).contains("no node runs the runner");
			});
	}

	@Test
	void downWhenTheListenerIsDisconnected() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties()).run((context) -> {
			PostgresJobListener listener = context.getBean(PostgresJobListener.class);
			await().atMost(Duration.ofSeconds(10)).until(listener::isConnected);
			listener.stop();
			Health health = context.getBean(QueueJobHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("listenerConnected", false);
			assertThat((String) health.getDetails().get("reason")).contains("listener");
		});
	}

	@Test
	void downWhenTheDatabaseDoesNotAnswer() {
		DriverManagerDataSource unreachable = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none",
				"postgres", "");
		JdbcJobStatistics statistics = new JdbcJobStatistics(new JdbcTemplate(unreachable), "queue_job",
				TransactionOperations.withoutTransaction());
		Health health = new QueueJobHealthIndicator(statistics, "node-1", null, null, () -> false).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsKey("error");
	}

	@Test
	void backsOffWithoutTheHealthModule() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.auto-startup=false")
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobHealthIndicator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.auto-startup=false")
			.withPropertyValues("management.health.queuejob.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobHealthIndicator.class));
	}

	@Test
	void backsOffWithoutQueueJob() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QueueJobHealthAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobHealthIndicator.class));
	}

}
