package io.queuejob.spring.autoconfigure;

import io.queuejob.spring.internal.operations.NodeRegistry;
import io.queuejob.spring.internal.operations.QueueJobEndpoint;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.store.JobRepository;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueueJobOperationsAutoConfiguration} and
 * {@link QueueJobEndpointAutoConfiguration}: which beans exist, and when they back off.
 */
@ExtendWith(DeleteJobsBeforeEach.class)
class QueueJobOperationsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, TransactionAutoConfiguration.class,
				QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class,
				QueueJobJpaAutoConfiguration.class, QueueJobOperationsAutoConfiguration.class,
				EndpointAutoConfiguration.class, QueueJobEndpointAutoConfiguration.class))
		.withUserConfiguration(Application.class)
		.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false");

	@Test
	void providesOperationsNodeRegistryAndEndpoint() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("management.endpoints.web.exposure.include=queuejob")
			.run((context) -> assertThat(context).hasSingleBean(JobOperations.class)
				.hasSingleBean(NodeRegistry.class)
				.hasSingleBean(QueueJobEndpoint.class));
	}

	@Test
	void withoutJpaOnTheClasspathOperationsNodeRegistryAndEndpointStay() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("management.endpoints.web.exposure.include=queuejob")
			.withClassLoader(new FilteredClassLoader("org.springframework.data.jpa", "org.hibernate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(JobRepository.class)
				.hasSingleBean(JobOperations.class)
				.hasSingleBean(NodeRegistry.class)
				.hasSingleBean(QueueJobEndpoint.class));
	}

	@Test
	void backsOffWhenQueueJobIsDisabled() {
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JobOperations.class)
				.doesNotHaveBean(NodeRegistry.class));
	}

	@Test
	void endpointBacksOffWithoutActuatorOrWhenItsAccessIsNone() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QueueJobEndpointAutoConfiguration.class))
			.withBean(JobOperations.class, () -> null)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueueJobEndpoint.class));
		this.contextRunner.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("management.endpoints.web.exposure.include=queuejob",
					"management.endpoint.queuejob.access=NONE")
			.run((context) -> assertThat(context).hasSingleBean(JobOperations.class)
				.doesNotHaveBean(QueueJobEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = AutoConfiguredApplication.class)
	static class Application {

	}

}
