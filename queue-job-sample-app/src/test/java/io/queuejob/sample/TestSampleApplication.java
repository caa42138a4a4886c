package io.queuejob.sample;

import org.springframework.boot.SpringApplication;

/**
 * Starts the sample against a PostgreSQL container instead of a local server, where a
 * Docker engine is found: {@code mvn -pl queue-job-sample-app spring-boot:test-run}.
 */
public class TestSampleApplication {

	/**
	 * Start the sample with {@link ContainersConfig}.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(ContainersConfig.class).run(args);
	}

}
