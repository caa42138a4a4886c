package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.queuejob.core.RetryableJobException;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a running application logs of its jobs: a WARN line for a failed try that is tried
 * again, an ERROR line for a job that fails for good, nothing at INFO for a job that
 * succeeds.
 */
@QueueJobIntegrationTest(classes = FailedJobLoggingTests.App.class, properties = "queue-job.poll-interval=1s")
@ExtendWith(OutputCaptureExtension.class)
class FailedJobLoggingTests {

	@Autowired
	LoggedJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void failedTryIsAWarningAndTheLastTryAnError(CapturedOutput output) {
		UUID uuid = this.jobQueue.delayable(this.jobs, LoggedJobs::flaky).delay().uuid();
		await().atMost(Duration.ofSeconds(30)).until(() -> lines(output, uuid).size() == 2);
		assertThat(lines(output, uuid).get(0)).contains("WARN")
			.contains(JobExecutor.LOG_CATEGORY)
			.contains("Job " + uuid + " (loggedJobs.flaky) try 1 of 2 failed: "
					+ "io.queuejob.core.RetryableJobException: not yet; next try at ");
		assertThat(lines(output, uuid).get(1)).contains("ERROR")
			.contains("Job " + uuid + " (loggedJobs.flaky) try 2 of 2 failed for good: "
					+ "io.queuejob.core.FailedJobException: Max. retries (2) reached: not yet");
		assertThat(state(uuid)).isEqualTo("failed");
	}

	@Test
	void jobThatThrowsIsAnErrorWithTheStackTrace(CapturedOutput output) {
		UUID uuid = this.jobQueue.delayable(this.jobs, LoggedJobs::broken).delay().uuid();
		await().atMost(Duration.ofSeconds(30)).until(() -> lines(output, uuid).size() == 1);
		assertThat(lines(output, uuid).get(0)).contains("ERROR")
			.contains("Job " + uuid + " (loggedJobs.broken) try 1 of 5 failed for good: "
					+ "java.lang.IllegalStateException: the printer is on fire");
		// Spring Boot's pattern writes the trace after the line and a blank one
		List<String> all = output.getOut().lines().toList();
		int at = all.indexOf(lines(output, uuid).get(0));
		assertThat(all.subList(at + 1, at + 4)).satisfiesExactly((blank) -> assertThat(blank).isBlank(),
				(exception) -> assertThat(exception)
					.isEqualTo("java.lang.IllegalStateException: the printer is on fire"),
				(frame) -> assertThat(frame).contains("at " + LoggedJobs.class.getName() + ".broken"));
	}

	@Test
	void jobThatSucceedsLogsNothing(CapturedOutput output) {
		UUID uuid = this.jobQueue.delayable(this.jobs, LoggedJobs::fine).delay().uuid();
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state(uuid)));
		assertThat(output.getOut()).doesNotContain(uuid.toString());
	}

	private String state(UUID uuid) {
		return new JobRows(this.jdbc).stateOf(uuid);
	}

	private static List<String> lines(CapturedOutput output, UUID uuid) {
		return output.getOut().lines().filter((line) -> line.contains("Job " + uuid)).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		LoggedJobs loggedJobs() {
			return new LoggedJobs();
		}

	}

	public static class LoggedJobs {

		@QueueJob(maxRetries = 2)
		public void flaky() {
			throw new RetryableJobException("not yet", Duration.ofMillis(200));
		}

		@QueueJob
		public void broken() {
			throw new IllegalStateException("the printer is on fire");
		}

		@QueueJob
		public void fine() {
		}

	}

}
