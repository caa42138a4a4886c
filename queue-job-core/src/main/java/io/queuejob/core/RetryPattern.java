package io.queuejob.core;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * How long a job waits before its next try: pairs "from try N on, wait S seconds". For a
 * job's {@code retry} counter (tries so far, including the one that just ended) the entry
 * with the largest try number not above it wins; when none matches the delay is
 * {@link #DEFAULT_DELAY}. A delay may be a range for a random delay.
 * <p>
 * The text form is {@code "1:10, 5:20, 10:(30-60)"}: tries 1 to 4 wait 10 s, 5 to 9 wait
 * 20 s, from 10 on between 30 and 60 s. Immutable; {@link #toString()} gives the text
 * form, which {@link #parse(String)} reads back to an equal pattern.
 */
public final class RetryPattern {

	/** The delay when no entry matches. */
	public static final Duration DEFAULT_DELAY = Duration.ofSeconds(600);

	/** The empty pattern: every retry waits {@link #DEFAULT_DELAY}. */
	public static final RetryPattern NONE = new RetryPattern(new TreeMap<>());

	private final NavigableMap<Integer, RetryDelay> entries;

	private RetryPattern(SortedMap<Integer, RetryDelay> entries) {
		this.entries = Collections.unmodifiableNavigableMap(new TreeMap<>(entries));
	}

	/**
	 * Read a pattern from its text form, for example {@code "1:10, 5:20, 15:(60-120)"}.
	 * Whitespace around numbers, colons, commas and range parts is ignored.
	 * @param text the text form; {@code null} or blank gives {@link #NONE}
	 * @return the pattern
	 * @throws InvalidRetryPatternException if the text is malformed; the message names
	 * the bad entry
	 */
	public static RetryPattern parse(String text) {
		return RetryPatternParser.parse(text);
	}

	/**
	 * Create a pattern of fixed delays.
	 * @param secondsByTry the delay in seconds for each first try number
	 * @return the pattern
	 * @throws InvalidRetryPatternException if a key or value is {@code null} or negative
	 */
	public static RetryPattern of(Map<Integer, Integer> secondsByTry) {
		Builder builder = builder();
		secondsByTry.forEach((fromTry, seconds) -> {
			if (fromTry == null || seconds == null) {
				throw new InvalidRetryPatternException(
						"Invalid retry pattern entry '" + fromTry + ":" + seconds + "': null is not allowed");
			}
			builder.fixed(fromTry, seconds);
		});
		return builder.build();
	}

	/**
	 * Start building a pattern, for example with ranges.
	 * @return an empty builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The entries, by first try number, in ascending order.
	 * @return an unmodifiable view
	 */
	public SortedMap<Integer, RetryDelay> entries() {
		return this.entries;
	}

	/**
	 * Whether the pattern has no entry.
	 * @return {@code true} for an empty pattern
	 */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/**
	 * The delay before the next try.
	 * @param retry the job's tries so far, including the one that just ended
	 * @return the delay of the matching entry, or {@link #DEFAULT_DELAY}
	 */
	public Duration delayFor(int retry) {
		return delayFor(retry, ThreadLocalRandom.current());
	}

	/**
	 * The delay before the next try, picking random delays with the given generator.
	 * @param retry the job's tries so far, including the one that just ended
	 * @param random the source of randomness for ranges
	 * @return the delay of the matching entry, or {@link #DEFAULT_DELAY}
	 */
	public Duration delayFor(int retry, RandomGenerator random) {
		Map.Entry<Integer, RetryDelay> match = this.entries.floorEntry(retry);
		return (match != null) ? match.getValue().pick(random) : DEFAULT_DELAY;
	}

	/**
	 * The delay before the next try: the exception's explicit delay if it has one, else
	 * the pattern's.
	 * @param retry the job's tries so far, including the one that just ended
	 * @param cause the exception that asked for the retry, or {@code null}
	 * @return the delay
	 */
	public Duration delayFor(int retry, RetryableJobException cause) {
		return delayFor(retry, cause, ThreadLocalRandom.current());
	}

	/**
	 * The delay before the next try: the exception's explicit delay if it has one, else
	 * the pattern's, picking random delays with the given generator.
	 * @param retry the job's tries so far, including the one that just ended
	 * @param cause the exception that asked for the retry, or {@code null}
	 * @param random the source of randomness for ranges
	 * @return the delay
	 */
	public Duration delayFor(int retry, RetryableJobException cause, RandomGenerator random) {
		if (cause != null && cause.hasExplicitDelay()) {
			return RandomDurations.between(cause.minDelay(), cause.maxDelay(), random);
		}
		return delayFor(retry, random);
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof RetryPattern other) && this.entries.equals(other.entries);
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	/**
	 * The text form, for example {@code "1:10, 5:(20-40)"}; empty for {@link #NONE}.
	 * @return the text form
	 */
	@Override
	public String toString() {
		return this.entries.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ":" + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	/**
	 * Builds a {@link RetryPattern} entry by entry.
	 */
	public static final class Builder {

		private final SortedMap<Integer, RetryDelay> entries = new TreeMap<>();

		private Builder() {
		}

		/**
		 * Add a fixed delay.
		 * @param fromTry the first try number it applies to, zero or more
		 * @param seconds the delay in seconds, zero or more
		 * @return this builder
		 * @throws InvalidRetryPatternException if a value is negative or {@code fromTry}
		 * is already used
		 */
		public Builder fixed(int fromTry, int seconds) {
			return add(fromTry + ":" + seconds, fromTry, seconds, seconds);
		}

		/**
		 * Add a random delay, both ends included.
		 * @param fromTry the first try number it applies to, zero or more
		 * @param minSeconds the shortest delay in seconds, zero or more
		 * @param maxSeconds the longest delay in seconds, at least {@code minSeconds}
		 * @return this builder
		 * @throws InvalidRetryPatternException if a value is negative,
		 * {@code minSeconds > maxSeconds} or {@code fromTry} is already used
		 */
		public Builder range(int fromTry, int minSeconds, int maxSeconds) {
			return add(fromTry + ":(" + minSeconds + "-" + maxSeconds + ")", fromTry, minSeconds, maxSeconds);
		}

		Builder add(String written, int fromTry, int minSeconds, int maxSeconds) {
			check(written, fromTry >= 0, "try number " + fromTry + " is negative");
			check(written, minSeconds >= 0 && maxSeconds >= 0, "delay is negative");
			check(written, minSeconds <= maxSeconds,
					"range minimum " + minSeconds + " is greater than maximum " + maxSeconds);
			check(written, !this.entries.containsKey(fromTry), "try number " + fromTry + " appears more than once");
			this.entries.put(fromTry, new RetryDelay(minSeconds, maxSeconds));
			return this;
		}

		private static void check(String written, boolean valid, String problem) {
			if (!valid) {
				throw new InvalidRetryPatternException("Invalid retry pattern entry '" + written + "': " + problem);
			}
		}

		/**
		 * Build the pattern.
		 * @return the pattern, {@link #NONE} when empty
		 */
		public RetryPattern build() {
			return this.entries.isEmpty() ? NONE : new RetryPattern(this.entries);
		}

	}

}
