package io.queuejob.core;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobTimeoutException}.
 */
class JobTimeoutExceptionTests {

	@Test
	void messageNamesTheTimeoutAsPeopleWriteIt() {
		assertThat(new JobTimeoutException(Duration.ofMinutes(5), null, null)).hasMessage("Timed out after 5m");
		assertThat(new JobTimeoutException(Duration.ofMinutes(90), null, null)).hasMessage("Timed out after 1h30m");
		assertThat(new JobTimeoutException(Duration.ofMillis(300), null, null)).hasMessage("Timed out after 300ms");
		assertThat(new JobTimeoutException(Duration.ofSeconds(2), "its thread was given up", null))
			.hasMessage("Timed out after 2s: its thread was given up");
	}

	@Test
	void isRetriedThroughTheRetryPattern() {
		JobOutcome outcome = JobOutcome.failure(new JobTimeoutException(Duration.ofSeconds(1), null, null), 1, 3,
				RetryPattern.parse("1:10"), Instant.EPOCH);
		assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Retry.class, (retry) -> {
			assertThat(retry.eta()).isEqualTo(Instant.EPOCH.plusSeconds(10));
			assertThat(retry.message()).isEqualTo("Timed out after 1s");
		});
	}

}
