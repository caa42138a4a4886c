package io.queuejob.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample started where no PostgreSQL answers stops with the starter's failure
 * analysis, which names the URL it tried and how to point the sample at a PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPostgresStartupTests {

	private static final String CLOSED_PORT_URL = "jdbc:postgresql://127.0.0.1:1/none";

	@Test
	void startWithoutPostgresFailsSayingHowToPointAtOne(CapturedOutput output) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		assertThatException()
			.isThrownBy(() -> application.run("--spring.datasource.url=" + CLOSED_PORT_URL, "--server.port=0"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No PostgreSQL answers at " + CLOSED_PORT_URL)
			.contains("Start PostgreSQL at " + CLOSED_PORT_URL + ", or point the application at one that answers")
			.contains("SPRING_DATASOURCE_URL")
			.doesNotContain("127.0.0.1:5432");
	}

}
