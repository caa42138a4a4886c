package io.queuejob.spring.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The {@code postgres:15} container of this JVM, started on first use. Only touched when
 * Testcontainers is on the class path; Testcontainers removes the container when the JVM
 * exits.
 */
final class TestcontainersPostgres {

	private static final String IMAGE = "postgres:15";

	private TestcontainersPostgres() {
	}

	static boolean isDockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	static TestDatabaseServer start() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("No PostgreSQL for the tests: a Docker engine was found but the " + IMAGE
					+ " container did not start (" + ex.getMessage() + "). Set " + TestDatabaseServer.URL_VARIABLE
					+ " to use another PostgreSQL.", ex);
		}
		return new TestDatabaseServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
				"a Testcontainers " + IMAGE + " container");
	}

}
