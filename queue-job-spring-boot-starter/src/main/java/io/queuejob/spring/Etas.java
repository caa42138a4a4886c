package io.queuejob.spring;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.queuejob.core.StorageLimits;

/**
 * The ETA a delay from now gives, for {@link Delayable} and {@link DelayableBatch}.
 */
final class Etas {

	private Etas() {
	}

	/**
	 * The instant a delay from now ends.
	 * @param clock the clock of now
	 * @param delay the delay
	 * @return the instant
	 * @throws IllegalArgumentException if the instant is beyond what {@link Instant}
	 * holds (a later check refuses what PostgreSQL does not store)
	 */
	static Instant after(Clock clock, Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		try {
			return clock.instant().plus(delay);
		}
		catch (DateTimeException | ArithmeticException ex) {
			throw new IllegalArgumentException("eta must be between " + StorageLimits.MIN_INSTANT + " and "
					+ StorageLimits.MAX_INSTANT + " (the range of PostgreSQL timestamps), got now plus " + delay, ex);
		}
	}

}
