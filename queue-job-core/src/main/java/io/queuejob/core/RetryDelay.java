package io.queuejob.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay of one {@link RetryPattern} entry: a fixed number of seconds, or a range for
 * a uniformly random delay, both ends included.
 *
 * @param minSeconds the shortest delay in seconds, zero or more
 * @param maxSeconds the longest delay in seconds, at least {@code minSeconds}; equal to
 * it for a fixed delay
 */
public record RetryDelay(int minSeconds, int maxSeconds) {

	/**
	 * Validate the delay.
	 * @throws IllegalArgumentException if a value is negative or
	 * {@code minSeconds > maxSeconds}
	 */
	public RetryDelay {
		if (minSeconds < 0 || maxSeconds < 0) {
			throw new IllegalArgumentException(
					"Retry delay must not be negative, got " + minSeconds + "-" + maxSeconds);
		}
		if (minSeconds > maxSeconds) {
			throw new IllegalArgumentException("Retry delay minimum " + minSeconds + " exceeds maximum " + maxSeconds);
		}
	}

	/**
	 * A fixed delay.
	 * @param seconds the delay in seconds, zero or more
	 * @return the delay
	 */
	public static RetryDelay fixed(int seconds) {
		return new RetryDelay(seconds, seconds);
	}

	/**
	 * Whether the delay is fixed rather than a range.
	 * @return {@code true} if both ends are equal
	 */
	public boolean isFixed() {
		return this.minSeconds == this.maxSeconds;
	}

	/**
	 * Pick a delay: the fixed one, or a uniformly random whole number of seconds in the
	 * range.
	 * @param random the source of randomness for ranges
	 * @return the delay
	 */
	public Duration pick(RandomGenerator random) {
		if (isFixed()) {
			return Duration.ofSeconds(this.minSeconds);
		}
		return Duration.ofSeconds(random.nextLong(this.minSeconds, this.maxSeconds + 1L));
	}

	/**
	 * The text form used in retry patterns: {@code 10}, or {@code (1-10)} for a range.
	 * @return the text form
	 */
	@Override
	public String toString() {
		return isFixed() ? Integer.toString(this.minSeconds) : "(" + this.minSeconds + "-" + this.maxSeconds + ")";
	}

}
