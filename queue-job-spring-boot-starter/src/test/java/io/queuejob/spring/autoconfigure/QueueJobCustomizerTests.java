package io.queuejob.spring.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.queuejob.spring.internal.enqueue.StoringJobEnqueuer;
import io.queuejob.spring.internal.operations.NodeRegistry;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link QueueJobCustomizer} and {@link QueueJobSettings}.
 */
class QueueJobCustomizerTests {

	private static final TestDatabase database = TestDatabase.fresh();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class,
				QueueJobOperationsAutoConfiguration.class))
		.withPropertyValues(database.properties())
		.withPropertyValues("queue-job.auto-startup=false");

	@Test
	void settingsStartAsThePropertiesSay() {
		this.contextRunner.withPropertyValues("queue-job.worker.threads=3", "queue-job.worker.claim-ahead=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				QueueJobSettings settings = context.getBean(QueueJobSettings.class);
				assertThat(settings.getWorkerThreads()).isEqualTo(3);
				assertThat(settings.getClaimAhead()).isEqualTo(2);
				JobWorkers workers = context.getBean(JobWorkers.class);
				assertThat(workers.threads()).isEqualTo(3);
				assertThat(workers.claimAhead()).isEqualTo(2);
				// one name for the node: its lock, its jobs and its row
				assertThat(workers.worker()).isEqualTo(settings.getWorkerName())
					.isEqualTo(context.getBean(NodeLiveness.class).worker())
					.isEqualTo(context.getBean(NodeRegistry.class).name());
			});
	}

	@Test
	void customizerChangesTheSettingsOfTheComponents() {
		Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
		this.contextRunner.withPropertyValues("queue-job.worker.threads=3")
			.withBean(QueueJobCustomizer.class, () -> (settings) -> {
				settings.setWorkerThreads(5);
				settings.setWorkerName("node-a");
				settings.setClock(clock);
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JobWorkers workers = context.getBean(JobWorkers.class);
				assertThat(workers.threads()).isEqualTo(5);
				assertThat(workers.worker()).isEqualTo("node-a");
				assertThat(context.getBean(NodeLiveness.class).worker()).isEqualTo("node-a");
				assertThat(context.getBean(NodeRegistry.class).name()).isEqualTo("node-a");
				assertThat(context.getBean(StoringJobEnqueuer.class).clock()).isSameAs(clock);
			});
	}

	@Test
	void customizersApplyInTheirOrder() {
		this.contextRunner.withUserConfiguration(OrderedCustomizers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			JobWorkers workers = context.getBean(JobWorkers.class);
			// the first set 2 threads and its name, the second doubled the threads and
			// replaced the name
			assertThat(workers.threads()).isEqualTo(4);
			assertThat(workers.worker()).isEqualTo("second");
		});
	}

	@Test
	void invalidValueFromACustomizerStopsStartUpNamingTheProperty() {
		this.contextRunner.withBean(QueueJobCustomizer.class, () -> (settings) -> settings.setWorkerThreads(0))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessage("queue-job.worker.threads must be at least 1, got 0");
			});
	}

	@Test
	void settingsAreFixedOnceTheCustomizersRan() {
		this.contextRunner.run((context) -> {
			QueueJobSettings settings = context.getBean(QueueJobSettings.class);
			assertThatIllegalStateException().isThrownBy(() -> settings.setWorkerThreads(2))
				.withMessageContaining("fixed once the customizers ran");
			assertThat(context.getBean(JobWorkers.class).threads()).isEqualTo(8);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		@Bean
		@Order(2)
		QueueJobCustomizer second() {
			return (settings) -> {
				settings.setWorkerThreads(settings.getWorkerThreads() * 2);
				settings.setWorkerName("second");
			};
		}

		@Bean
		@Order(1)
		QueueJobCustomizer first() {
			return (settings) -> {
				settings.setWorkerThreads(2);
				settings.setWorkerName("first");
			};
		}

	}

}
