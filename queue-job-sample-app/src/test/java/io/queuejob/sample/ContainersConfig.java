package io.queuejob.sample;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A PostgreSQL container whose connection details replace the {@code spring.datasource.*}
 * properties. Used by {@link TestSampleApplication} only; as a {@link TestConfiguration}
 * it is left out of the tests' component scanning.
 */
@TestConfiguration(proxyBeanMethods = false)
class ContainersConfig {

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer("postgres:15");
	}

}
