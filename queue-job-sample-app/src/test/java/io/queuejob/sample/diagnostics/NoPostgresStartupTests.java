package io.queuejob.sample.diagnostics;

import io.queuejob.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample started where no PostgreSQL answers stops with one clear message.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPostgresStartupTests {

	private static final String CLOSED_PORT_URL = "jdbc:postgresql://127.0.0.1:1/none";

	@Test
	void startWithoutPostgresFailsSayingHowToPointAtOne(CapturedOutput output) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		assertThatException()
			.isThrownBy(() -> application.run("--spring.datasource.url=" + CLOSED_PORT_URL, "--server.port=0"));
		assertThat(output).contains("No PostgreSQL answers at " + CLOSED_PORT_URL)
			.contains(NoPostgresFailureAnalyzer.ACTION);
	}

}
