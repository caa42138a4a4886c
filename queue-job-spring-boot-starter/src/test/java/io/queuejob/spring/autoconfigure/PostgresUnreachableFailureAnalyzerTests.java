package io.queuejob.spring.autoconfigure;

import java.net.ConnectException;

import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link PostgresUnreachableFailureAnalyzer}: an application started where no
 * PostgreSQL answers, and exception chains built by hand.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresUnreachableFailureAnalyzerTests {

	private static final String URL = "jdbc:postgresql://db.example.com:5432/shop";

	private final PostgresUnreachableFailureAnalyzer analyzer = new PostgresUnreachableFailureAnalyzer(
			new MockEnvironment().withProperty("spring.datasource.url", URL));

	@Test
	void applicationWithoutPostgresStopsNamingTheConfiguredUrl(CapturedOutput output) {
		String closedPort = "jdbc:postgresql://127.0.0.1:1/none";
		SpringApplication application = new SpringApplication(AutoConfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.datasource.url=" + closedPort,
				"--spring.datasource.username=postgres", "--spring.flyway.enabled=false"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No PostgreSQL answers at " + closedPort + " (Connection refused)")
			.contains("Start PostgreSQL at " + closedPort + ", or point the application at one that answers")
			.doesNotContain("127.0.0.1:5432");
	}

	@Test
	void refusedConnectionSaysWhereAndHowToPointAtPostgres() {
		PSQLException refused = new PSQLException("Connection to db.example.com:5432 refused.",
				PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(refused));
		assertThat(analysis.getDescription()).isEqualTo("No PostgreSQL answers at " + URL + " (Connection refused)");
		assertThat(analysis.getAction()).isEqualTo("Start PostgreSQL at " + URL
				+ ", or point the application at one that answers: set spring.datasource.url,"
				+ " spring.datasource.username and spring.datasource.password (or the environment variables"
				+ " SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD).");
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
	void withoutConfiguredUrlNamesTheDataSource() {
		PostgresUnreachableFailureAnalyzer analyzer = new PostgresUnreachableFailureAnalyzer(new MockEnvironment());
		PSQLException refused = new PSQLException("Connection refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
				new ConnectException("Connection refused"));
		FailureAnalysis analysis = analyzer.analyze(wrapped(refused));
		assertThat(analysis.getDescription())
			.isEqualTo("No PostgreSQL answers at the configured data source (Connection refused)");
		assertThat(analysis.getAction()).startsWith("Start the PostgreSQL of the data source, or point the application"
				+ " at one that answers: set spring.datasource.url");
	}

	@Test
	void postgresThatAnswersWithAnotherErrorIsLeftToOthers() {
		PSQLException wrongPassword = new PSQLException("password authentication failed for user \"shop\"",
				PSQLState.INVALID_PASSWORD);
		assertThat(this.analyzer.analyze(wrapped(wrongPassword))).isNull();
	}

	@Test
	void connectExceptionOfSomethingElseIsLeftToOthers() {
		assertThat(this.analyzer.analyze(wrapped(new ConnectException("Connection refused")))).isNull();
	}

	private static Exception wrapped(Throwable cause) {
		return new BeanCreationException("flywayInitializer", "Migration failed",
				new IllegalStateException("Unable to obtain connection from database", cause));
	}

}
