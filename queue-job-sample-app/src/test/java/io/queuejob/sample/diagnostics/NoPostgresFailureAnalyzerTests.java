package io.queuejob.sample.diagnostics;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NoPostgresFailureAnalyzer}, on exception chains built by hand.
 */
class NoPostgresFailureAnalyzerTests {

	private static final String URL = "jdbc:postgresql://db.example.com:5432/shop";

	private final MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", URL);

	private final NoPostgresFailureAnalyzer analyzer = new NoPostgresFailureAnalyzer(this.environment);

	@Test
	void refusedConnectionSaysWhereAndHowToPointAtPostgres() {
		PSQLException refused = new PSQLException("Connection to db.example.com:5432 refused.",
				PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(refused));
		assertThat(analysis.getDescription()).isEqualTo("No PostgreSQL answers at " + URL + " (Connection refused)");
		assertThat(analysis.getAction()).isEqualTo("Start PostgreSQL on 127.0.0.1:5432 or set SPRING_DATASOURCE_URL,"
				+ " SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
		assertThat(analysis.getCause()).isSameAs(refused);
	}

	@Test
	void rejectedConnectionIsRecognised() {
		PSQLException rejected = new PSQLException("The server does not support SSL.", PSQLState.CONNECTION_REJECTED);
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(rejected));
		assertThat(analysis.getDescription())
			.isEqualTo("No PostgreSQL answers at " + URL + " (The server does not support SSL.)");
	}

	@Test
	void connectExceptionWithoutDriverExceptionIsRecognised() {
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(new ConnectException("Connection refused")));
		assertThat(analysis.getDescription()).startsWith("No PostgreSQL answers at " + URL);
	}

	@Test
	void withoutConfiguredUrlNamesTheDataSource() {
		NoPostgresFailureAnalyzer analyzer = new NoPostgresFailureAnalyzer(new MockEnvironment());
		FailureAnalysis analysis = analyzer.analyze(wrapped(new ConnectException("Connection refused")));
		assertThat(analysis.getDescription())
			.isEqualTo("No PostgreSQL answers at the configured data source (Connection refused)");
	}

	@Test
	void postgresThatAnswersWithAnotherErrorIsLeftToOthers() {
		PSQLException wrongPassword = new PSQLException("password authentication failed for user \"shop\"",
				PSQLState.INVALID_PASSWORD);
		assertThat(this.analyzer.analyze(wrapped(wrongPassword))).isNull();
	}

	@Test
	void unrelatedFailureIsLeftToOthers() {
		assertThat(this.analyzer.analyze(wrapped(new IllegalStateException("boom")))).isNull();
	}

	private static Exception wrapped(Throwable cause) {
		return new BeanCreationException("flywayInitializer", "Migration failed",
				new IllegalStateException("Unable to obtain connection from database", cause));
	}

}
