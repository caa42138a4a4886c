package io.queuejob.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobOutcomeTests {

	private static final Instant NOW = Instant.parse("2015-06-01T15:10:00Z");

	private static final RetryPattern PATTERN = RetryPattern.of(Map.of(1, 60, 2, 180, 3, 10, 5, 300));

	@Test
	void successGivesDoneWithTheValueAsText() {
		assertThat(JobOutcome.success(42)).isEqualTo(new JobOutcome.Done("42"));
		assertThat(JobOutcome.success("ok")).isEqualTo(new JobOutcome.Done("ok"));
	}

	@Test
	void retryCarriesTheExceptionNameAndTrace() {
		JobOutcome outcome = failure(new RetryableJobException("busy"), 1, 3);
		assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Retry.class, (retry) -> {
			assertThat(retry.excName()).isEqualTo(RetryableJobException.class.getName());
			assertThat(retry.excInfo()).contains("RetryableJobException: busy").contains(getClass().getName());
		});
	}

	private static org.assertj.core.api.ThrowingConsumer<JobOutcome> isRetry(Instant eta, int retry, String message) {
		return (outcome) -> assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Retry.class, (actual) -> {
			assertThat(actual.eta()).isEqualTo(eta);
			assertThat(actual.retry()).isEqualTo(retry);
			assertThat(actual.message()).isEqualTo(message);
		});
	}

	@Test
	void failedGivesTheUnwrappedErrorsClassMessageAndTrace() {
		JobOutcome.Failed failed = JobOutcome
			.failed(new java.lang.reflect.UndeclaredThrowableException(new IllegalStateException("no bean")));
		assertThat(failed.excName()).isEqualTo(IllegalStateException.class.getName());
		assertThat(failed.excMessage()).isEqualTo("no bean");
		assertThat(failed.excInfo()).contains("IllegalStateException: no bean");
	}

	@Test
	void successWithNullGivesDoneWithoutResult() {
		assertThat(JobOutcome.success(null)).isEqualTo(new JobOutcome.Done(null));
	}

	@Test
	void alwaysRetryingJobWithThreeMaxRetriesRunsThreeTimesThenFails() {
		RetryableJobException error = new RetryableJobException("busy");
		assertThat(failure(error, 1, 3)).satisfies(isRetry(Instant.parse("2015-06-01T15:11:00Z"), 1, "busy"));
		assertThat(failure(error, 2, 3)).satisfies(isRetry(Instant.parse("2015-06-01T15:13:00Z"), 2, "busy"));
		JobOutcome third = failure(error, 3, 3);
		assertThat(third).isInstanceOfSatisfying(JobOutcome.Failed.class, (failed) -> {
			assertThat(failed.excName()).isEqualTo(FailedJobException.class.getName());
			assertThat(failed.excMessage()).isEqualTo("Max. retries (3) reached: busy");
			assertThat(failed.excInfo()).contains("Max. retries (3) reached: busy")
				.contains("Caused by: " + RetryableJobException.class.getName() + ": busy")
				.contains(getClass().getName());
		});
	}

	@Test
	void unlimitedMaxRetriesAlwaysRetries() {
		RetryableJobException error = new RetryableJobException("busy");
		for (int retry : new int[] { 1, 5, 100, 10_000 }) {
			assertThat(failure(error, retry, 0)).isInstanceOfSatisfying(JobOutcome.Retry.class,
					(outcome) -> assertThat(outcome.retry()).isEqualTo(retry));
		}
	}

	@Test
	void retryEtaFollowsThePattern() {
		JobOutcome outcome = failure(new RetryableJobException("busy"), 5, 10);
		assertThat(outcome).satisfies(isRetry(Instant.parse("2015-06-01T15:15:00Z"), 5, "busy"));
	}

	@Test
	void explicitDelayOverridesThePattern() {
		JobOutcome outcome = failure(new RetryableJobException("busy", Duration.ofSeconds(5)), 1, 5);
		assertThat(outcome).satisfies(isRetry(NOW.plusSeconds(5), 1, "busy"));
	}

	@Test
	void ignoredRetryIsNotCounted() {
		RetryableJobException error = new RetryableJobException("later", null, null, true, null);
		assertThat(failure(error, 1, 3)).satisfies(isRetry(NOW.plusSeconds(600), 0, "later"));
		assertThat(failure(error, 3, 3)).satisfies(isRetry(NOW.plusSeconds(180), 2, "later"));
	}

	@Test
	void nothingToDoFinishesTheJobWithItsMessage() {
		assertThat(failure(new NothingToDoJob("Already sent"), 1, 5)).isEqualTo(new JobOutcome.Done("Already sent"));
		assertThat(failure(new NothingToDoJob(), 1, 5)).isEqualTo(new JobOutcome.Done("Nothing to do"));
	}

	@Test
	void plainExceptionFailsWithClassNameMessageAndStackTraceWithCause() {
		IllegalStateException error = new IllegalStateException("no stock",
				new UncheckedIOException("disk gone", new IOException("disk gone")));
		JobOutcome outcome = failure(error, 1, 5);
		assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Failed.class, (failed) -> {
			assertThat(failed.excName()).isEqualTo("java.lang.IllegalStateException");
			assertThat(failed.excMessage()).isEqualTo("no stock");
			assertThat(failed.excInfo()).startsWith("java.lang.IllegalStateException: no stock")
				.contains("\tat " + getClass().getName())
				.contains("Caused by: java.io.UncheckedIOException: disk gone")
				.contains("Caused by: java.io.IOException: disk gone");
		});
	}

	@Test
	void exceptionWithoutMessageUsesItsClassName() {
		JobOutcome outcome = failure(new NullPointerException(), 1, 5);
		assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Failed.class,
				(failed) -> assertThat(failed.excMessage()).isEqualTo("java.lang.NullPointerException"));
	}

	@Test
	void failedJobExceptionFailsAtOnceWithTriesLeft() {
		JobOutcome outcome = failure(new FailedJobException("bad input"), 1, 0);
		assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Failed.class, (failed) -> {
			assertThat(failed.excName()).isEqualTo(FailedJobException.class.getName());
			assertThat(failed.excMessage()).isEqualTo("bad input");
		});
	}

	@Test
	void invocationTargetExceptionIsUnwrapped() {
		Throwable wrapped = new InvocationTargetException(new NothingToDoJob("skip"));
		assertThat(failure(wrapped, 1, 5)).isEqualTo(new JobOutcome.Done("skip"));
	}

	@Test
	void nestedReflectionWrappersAreUnwrapped() {
		Throwable wrapped = new UndeclaredThrowableException(new InvocationTargetException(new IOException("offline")));
		assertThat(failure(wrapped, 1, 5)).isInstanceOfSatisfying(JobOutcome.Failed.class, (failed) -> {
			assertThat(failed.excName()).isEqualTo("java.io.IOException");
			assertThat(failed.excInfo()).startsWith("java.io.IOException: offline");
		});
	}

	@Test
	void retryBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> failure(new RuntimeException(), 0, 5));
	}

	private static JobOutcome failure(Throwable error, int retry, int maxRetries) {
		return JobOutcome.failure(error, retry, maxRetries, PATTERN, NOW);
	}

}
