package io.queuejob.core.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * At most a number of job starts per sliding period, for example 100 per minute.
 *
 * @param starts the most job starts within any period, at least 1
 * @param period the length of the sliding period, positive
 */
public record RateLimit(int starts, Duration period) {

	/**
	 * Validate the limit.
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public RateLimit {
		Objects.requireNonNull(period, "period must not be null");
		if (starts < 1) {
			throw new IllegalArgumentException("a rate needs at least 1 start per period, got " + starts);
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("a rate needs a positive period, got " + period);
		}
	}

	@Override
	public String toString() {
		return this.starts + "/" + this.period;
	}

}
