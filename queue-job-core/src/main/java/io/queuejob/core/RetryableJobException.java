package io.queuejob.core;

import java.time.Duration;

/**
 * Thrown by a job method to retry the job later. The delay comes from the job's
 * {@link RetryPattern} unless given here; a delay of zero means "retry immediately". A
 * range gives a random delay between its ends, both included. The try counts towards the
 * job's max retries unless {@link #ignoreRetry()}.
 */
public class RetryableJobException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** The shortest delay, or {@code null} when the retry pattern decides. */
	private final Duration minDelay;

	/** The longest delay, or {@code null} when the retry pattern decides. */
	private final Duration maxDelay;

	/** Whether this try does not count towards the max retries. */
	private final boolean ignoreRetry;

	/**
	 * Create an exception whose delay the retry pattern decides.
	 * @param message why the job must be retried
	 */
	public RetryableJobException(String message) {
		this(message, null, null, false, null);
	}

	/**
	 * Create an exception with an explicit delay.
	 * @param message why the job must be retried
	 * @param delay the delay before the next try, zero or more; {@code null} lets the
	 * retry pattern decide
	 */
	public RetryableJobException(String message, Duration delay) {
		this(message, delay, delay, false, null);
	}

	/**
	 * Create an exception with a random delay in a range.
	 * @param message why the job must be retried
	 * @param minDelay the shortest delay, zero or more
	 * @param maxDelay the longest delay, at least {@code minDelay}
	 */
	public RetryableJobException(String message, Duration minDelay, Duration maxDelay) {
		this(message, minDelay, maxDelay, false, null);
	}

	/**
	 * Create an exception with every detail.
	 * @param message why the job must be retried
	 * @param minDelay the shortest delay, or {@code null} (with {@code maxDelay}) to let
	 * the retry pattern decide
	 * @param maxDelay the longest delay, or {@code null} (with {@code minDelay})
	 * @param ignoreRetry whether this try does not count towards the max retries
	 * @param cause the underlying error, or {@code null}
	 * @throws IllegalArgumentException if only one delay is given, a delay is negative or
	 * {@code minDelay} exceeds {@code maxDelay}
	 */
	public RetryableJobException(String message, Duration minDelay, Duration maxDelay, boolean ignoreRetry,
			Throwable cause) {
		super(message, cause);
		checkDelays(minDelay, maxDelay);
		this.minDelay = minDelay;
		this.maxDelay = maxDelay;
		this.ignoreRetry = ignoreRetry;
	}

	private static void checkDelays(Duration minDelay, Duration maxDelay) {
		if ((minDelay == null) != (maxDelay == null)) {
			throw new IllegalArgumentException("Give both minDelay and maxDelay, or neither");
		}
		if (minDelay == null) {
			return;
		}
		if (minDelay.isNegative() || maxDelay.isNegative()) {
			throw new IllegalArgumentException(
					"Retry delays must not be negative, got " + minDelay + " and " + maxDelay);
		}
		if (minDelay.compareTo(maxDelay) > 0) {
			throw new IllegalArgumentException("minDelay " + minDelay + " exceeds maxDelay " + maxDelay);
		}
	}

	/**
	 * The shortest delay before the next try.
	 * @return the delay, or {@code null} when the retry pattern decides
	 */
	public Duration minDelay() {
		return this.minDelay;
	}

	/**
	 * The longest delay before the next try.
	 * @return the delay, or {@code null} when the retry pattern decides
	 */
	public Duration maxDelay() {
		return this.maxDelay;
	}

	/**
	 * Whether an explicit delay was given, overriding the retry pattern.
	 * @return {@code true} if {@link #minDelay()} and {@link #maxDelay()} are set
	 */
	public boolean hasExplicitDelay() {
		return this.minDelay != null;
	}

	/**
	 * Whether this try does not count towards the job's max retries.
	 * @return {@code true} if the try is not counted
	 */
	public boolean ignoreRetry() {
		return this.ignoreRetry;
	}

}
