package io.queuejob.core;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * What happens to a job after a try: it is {@link Done done}, {@link Retry retried}
 * later, or {@link Failed failed}. A pure decision, taken by {@link #success(Object)} or
 * {@link #failure(Throwable, int, int, RetryPattern, Instant)}; storing it is up to the
 * caller.
 */
public sealed interface JobOutcome permits JobOutcome.Done, JobOutcome.Retry, JobOutcome.Failed {

	/**
	 * The outcome of a try that returned.
	 * @param returnValue what the job method returned, or {@code null}
	 * @return {@link Done} with the value as text, or a {@code null} result for
	 * {@code null}
	 */
	static JobOutcome success(Object returnValue) {
		return new Done((returnValue != null) ? String.valueOf(returnValue) : null);
	}

	/**
	 * The outcome of a try that threw.
	 * @param error what the job method threw; reflection wrappers are unwrapped first
	 * @param retry the job's tries so far, including this one
	 * @param maxRetries total tries allowed, 0 meaning unlimited
	 * @param pattern the job function's retry pattern
	 * @param now the current time
	 * @return the outcome
	 * @see #failure(Throwable, int, int, RetryPattern, Instant, RandomGenerator)
	 */
	static JobOutcome failure(Throwable error, int retry, int maxRetries, RetryPattern pattern, Instant now) {
		return failure(error, retry, maxRetries, pattern, now, ThreadLocalRandom.current());
	}

	/**
	 * The outcome of a try that threw, picking random delays with the given generator.
	 * <ul>
	 * <li>{@link NothingToDoJob}: {@link Done}, with the exception's message as
	 * result.</li>
	 * <li>{@link RetryableJobException}: {@link Retry} after the exception's delay, else
	 * the pattern's; if it {@link RetryableJobException#ignoreRetry() ignores the retry},
	 * this try is not counted. When the tries are used up (and {@code maxRetries} is not
	 * 0), {@link Failed} as a {@link FailedJobException} "Max. retries (N) reached:
	 * ...".</li>
	 * <li>{@link FailedJobException} or anything else: {@link Failed} at once.</li>
	 * </ul>
	 * @param error what the job method threw; reflection wrappers are unwrapped first
	 * @param retry the job's tries so far, including this one (1 or more)
	 * @param maxRetries total tries allowed, 0 meaning unlimited
	 * @param pattern the job function's retry pattern
	 * @param now the current time
	 * @param random the source of randomness for random delays
	 * @return the outcome
	 * @throws IllegalArgumentException if {@code retry < 1} or {@code maxRetries < 0}
	 */
	static JobOutcome failure(Throwable error, int retry, int maxRetries, RetryPattern pattern, Instant now,
			RandomGenerator random) {
		return new FailureDecision(retry, maxRetries, pattern, now, random).decide(error);
	}

	/**
	 * The outcome of an error that fails the job for good, whatever its tries left: its
	 * class name, message and stack trace (wrappers of reflective calls unwrapped).
	 * @param error the error
	 * @return the failure
	 */
	static Failed failed(Throwable error) {
		return FailureDecision.failed(FailureDecision.unwrap(error));
	}

	/**
	 * The job is done.
	 *
	 * @param result the result text, or {@code null}
	 */
	record Done(String result) implements JobOutcome {

	}

	/**
	 * The job goes back to pending, to run again at {@code eta}.
	 *
	 * @param eta when the next try may start
	 * @param retry the job's tries so far, as it must be stored
	 * @param message why the job is retried, or {@code null}
	 * @param excName the class name of the exception that asked for the retry
	 * @param excInfo its stack trace, with its causes
	 */
	record Retry(Instant eta, int retry, String message, String excName, String excInfo) implements JobOutcome {

		/**
		 * Validate the outcome.
		 * @throws IllegalArgumentException if {@code retry} is negative
		 */
		public Retry {
			Objects.requireNonNull(eta, "eta must not be null");
			if (retry < 0) {
				throw new IllegalArgumentException("retry must not be negative, got " + retry);
			}
		}

	}

	/**
	 * The job failed.
	 *
	 * @param excName the exception's class name
	 * @param excMessage the exception's message, or its class name when it has none
	 * @param excInfo the stack trace, with its causes
	 */
	record Failed(String excName, String excMessage, String excInfo) implements JobOutcome {

		/**
		 * Validate the outcome.
		 */
		public Failed {
			Objects.requireNonNull(excName, "excName must not be null");
		}

	}

}
