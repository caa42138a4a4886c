package io.queuejob.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Picks random durations.
 */
final class RandomDurations {

	private RandomDurations() {
	}

	/**
	 * A uniformly random duration between two others, both included, to the millisecond.
	 * @param min the shortest duration
	 * @param max the longest duration, at least {@code min}
	 * @param random the source of randomness
	 * @return {@code min} plus a random whole number of milliseconds, at most {@code max}
	 */
	static Duration between(Duration min, Duration max, RandomGenerator random) {
		long spanMillis = max.minus(min).toMillis();
		return (spanMillis == 0) ? min : min.plusMillis(random.nextLong(0, spanMillis + 1));
	}

}
