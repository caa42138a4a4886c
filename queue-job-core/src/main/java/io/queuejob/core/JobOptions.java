package io.queuejob.core;

import java.time.Duration;
import java.time.Instant;

import io.queuejob.core.channel.ChannelNames;

/**
 * Options for enqueueing a job. Every field may be unset ({@code null}), so that layers
 * (per call, per job function, defaults) combine with {@link #orElse(JobOptions)}.
 * Immutable.
 *
 * @param priority smaller runs first, from {@link #MIN_PRIORITY} to
 * {@link #MAX_PRIORITY}; {@code null} when unset
 * @param eta the job does not run before this instant, within the range of PostgreSQL
 * timestamps ({@link StorageLimits#MIN_INSTANT} to {@link StorageLimits#MAX_INSTANT});
 * {@code null} when unset
 * @param maxRetries total tries allowed, 0 meaning unlimited; {@code null} when unset
 * @param description human text, of any length; {@code null} when unset
 * @param channel full channel name (the {@code root.} prefix may be omitted when given),
 * at most {@link StorageLimits#MAX_NAME_LENGTH} characters with the prefix; {@code null}
 * when unset
 * @param identityKey deduplication key; {@code null} when unset
 * @param timeout how long a try may run before it is stopped, positive; {@code null} when
 * unset
 */
public record JobOptions(Integer priority, Instant eta, Integer maxRetries, String description, String channel,
		IdentityKey identityKey, Duration timeout) {

	/** The default priority. */
	public static final int DEFAULT_PRIORITY = 10;

	/** The smallest priority, of the jobs that run first. */
	public static final int MIN_PRIORITY = 0;

	/** The largest priority, of the jobs that run last. */
	public static final int MAX_PRIORITY = 1_000_000;

	/** The default number of tries allowed. */
	public static final int DEFAULT_MAX_RETRIES = 5;

	/** The default channel. */
	public static final String DEFAULT_CHANNEL = ChannelNames.ROOT;

	/** Options with every field unset. */
	public static final JobOptions NONE = new JobOptions(null, null, null, null, null, null, null);

	/** The default priority, max retries and channel; other fields unset. */
	public static final JobOptions DEFAULTS = NONE.withPriority(DEFAULT_PRIORITY)
		.withMaxRetries(DEFAULT_MAX_RETRIES)
		.withChannel(DEFAULT_CHANNEL);

	/**
	 * Validate the options and normalize the channel name.
	 * @throws IllegalArgumentException naming the option and its limit if
	 * {@code priority} is out of range, {@code eta} out of the range of PostgreSQL
	 * timestamps, {@code maxRetries} negative, {@code description} or {@code channel}
	 * blank, invalid or holding U+0000, {@code channel} longer than its column, or
	 * {@code timeout} not positive
	 */
	public JobOptions {
		if (priority != null && (priority < MIN_PRIORITY || priority > MAX_PRIORITY)) {
			throw new IllegalArgumentException("priority must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY
					+ " (smaller runs first), got " + priority);
		}
		if (eta != null && !StorageLimits.isStorable(eta)) {
			throw new IllegalArgumentException("eta must be between " + StorageLimits.MIN_INSTANT + " and "
					+ StorageLimits.MAX_INSTANT + " (the range of PostgreSQL timestamps), got " + eta);
		}
		if (maxRetries != null && maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must be 0 (unlimited) or more, got " + maxRetries);
		}
		requireNotBlank("description", description);
		StorageLimits.requireStorableText("description", description, -1);
		requireNotBlank("channel", channel);
		channel = (channel != null) ? ChannelNames.normalize(channel) : null;
		StorageLimits.requireStorableText("channel", channel, StorageLimits.MAX_NAME_LENGTH);
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("timeout must be positive, got " + timeout);
		}
	}

	private static void requireNotBlank(String name, String value) {
		if (value != null && value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank when given");
		}
	}

	/**
	 * Return a copy with the given priority.
	 * @param priority smaller runs first, from {@link #MIN_PRIORITY} to
	 * {@link #MAX_PRIORITY}
	 * @return the new options
	 * @throws IllegalArgumentException if {@code priority} is out of range
	 */
	public JobOptions withPriority(int priority) {
		return new JobOptions(priority, this.eta, this.maxRetries, this.description, this.channel, this.identityKey,
				this.timeout);
	}

	/**
	 * Return a copy with the given eta.
	 * @param eta the earliest start, or {@code null} to unset it
	 * @return the new options
	 * @throws IllegalArgumentException if {@code eta} is out of the range of PostgreSQL
	 * timestamps
	 */
	public JobOptions withEta(Instant eta) {
		return new JobOptions(this.priority, eta, this.maxRetries, this.description, this.channel, this.identityKey,
				this.timeout);
	}

	/**
	 * Return a copy with the given number of tries allowed.
	 * @param maxRetries total tries allowed, 0 meaning unlimited
	 * @return the new options
	 * @throws IllegalArgumentException if {@code maxRetries} is negative
	 */
	public JobOptions withMaxRetries(int maxRetries) {
		return new JobOptions(this.priority, this.eta, maxRetries, this.description, this.channel, this.identityKey,
				this.timeout);
	}

	/**
	 * Return a copy with the given description.
	 * @param description human text, or {@code null} to unset it
	 * @return the new options
	 * @throws IllegalArgumentException if {@code description} is blank or holds U+0000
	 */
	public JobOptions withDescription(String description) {
		return new JobOptions(this.priority, this.eta, this.maxRetries, description, this.channel, this.identityKey,
				this.timeout);
	}

	/**
	 * Return a copy with the given channel.
	 * @param channel a channel name, or {@code null} to unset it
	 * @return the new options
	 * @throws IllegalArgumentException if {@code channel} is blank, not a valid channel
	 * name, or longer than {@link StorageLimits#MAX_NAME_LENGTH} characters with its
	 * {@code root.} prefix
	 */
	public JobOptions withChannel(String channel) {
		return new JobOptions(this.priority, this.eta, this.maxRetries, this.description, channel, this.identityKey,
				this.timeout);
	}

	/**
	 * Return a copy with the given identity key.
	 * @param identityKey the key, or {@code null} to unset it
	 * @return the new options
	 */
	public JobOptions withIdentityKey(IdentityKey identityKey) {
		return new JobOptions(this.priority, this.eta, this.maxRetries, this.description, this.channel, identityKey,
				this.timeout);
	}

	/**
	 * Return a copy with the given timeout.
	 * @param timeout how long a try may run, or {@code null} to unset it
	 * @return the new options
	 * @throws IllegalArgumentException if {@code timeout} is not positive
	 */
	public JobOptions withTimeout(Duration timeout) {
		return new JobOptions(this.priority, this.eta, this.maxRetries, this.description, this.channel,
				this.identityKey, timeout);
	}

	/**
	 * Combine with fallback options, field by field: a field set here wins, an unset one
	 * is taken from {@code fallback}.
	 * @param fallback the options that fill the gaps
	 * @return the combined options
	 */
	public JobOptions orElse(JobOptions fallback) {
		return new JobOptions(first(this.priority, fallback.priority), first(this.eta, fallback.eta),
				first(this.maxRetries, fallback.maxRetries), first(this.description, fallback.description),
				first(this.channel, fallback.channel), first(this.identityKey, fallback.identityKey),
				first(this.timeout, fallback.timeout));
	}

	private static <T> T first(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
