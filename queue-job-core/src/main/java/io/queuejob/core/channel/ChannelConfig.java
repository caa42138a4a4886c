package io.queuejob.core.channel;

import java.time.Duration;

/**
 * The configuration of one channel.
 *
 * @param name the full channel name, for example {@code root.mail}; the {@code root.}
 * prefix may be omitted
 * @param capacity how many jobs of this channel (and its sub-channels) may be enqueued or
 * started at once; {@code null} means unlimited
 * @param sequential whether jobs run one at a time in strict order, a failed job blocking
 * the channel; implies a capacity of 1
 * @param throttle the minimum interval between two job starts in this channel, or
 * {@code null} for none
 * @param rate the most job starts in this channel (and its sub-channels) per sliding
 * period, across the cluster, or {@code null} for none
 * @param perKey how many jobs of one partition key in this channel (and its sub-channels)
 * may be enqueued or started at once, across the cluster, or {@code null} for no such
 * limit
 */
public record ChannelConfig(String name, Integer capacity, boolean sequential, Duration throttle, RateLimit rate,
		Integer perKey) {

	/**
	 * Validate and normalize the configuration.
	 * @throws InvalidChannelConfigException if a value is out of range
	 */
	public ChannelConfig {
		name = ChannelNames.normalize(name);
		if (capacity != null && capacity < 1) {
			throw new InvalidChannelConfigException(
					"Channel " + name + ": capacity must be at least 1 (omit it for unlimited), got " + capacity);
		}
		if (sequential) {
			if (capacity != null && capacity != 1) {
				throw new InvalidChannelConfigException(
						"Channel " + name + ": a sequential channel must have a capacity of 1, got " + capacity);
			}
			capacity = 1;
		}
		if (throttle != null && (throttle.isNegative() || throttle.isZero())) {
			throw new InvalidChannelConfigException(
					"Channel " + name + ": throttle must be a positive duration, got " + throttle);
		}
		if (perKey != null && perKey < 1) {
			throw new InvalidChannelConfigException(
					"Channel " + name + ": per-key must be at least 1 (omit it for no limit per key), got " + perKey);
		}
		if (perKey != null && sequential) {
			throw new InvalidChannelConfigException(
					"Channel " + name + ": a sequential channel runs one job at a time, so per-key does not apply");
		}
	}

	/**
	 * A channel without a limit per partition key.
	 * @param name the full channel name; the {@code root.} prefix may be omitted
	 * @param capacity the capacity, or {@code null} for unlimited
	 * @param sequential whether jobs run one at a time in strict order
	 * @param throttle the minimum interval between two job starts, or {@code null}
	 * @param rate the rate limit, or {@code null}
	 */
	public ChannelConfig(String name, Integer capacity, boolean sequential, Duration throttle, RateLimit rate) {
		this(name, capacity, sequential, throttle, rate, null);
	}

	/**
	 * A channel without a rate limit.
	 * @param name the full channel name; the {@code root.} prefix may be omitted
	 * @param capacity the capacity, or {@code null} for unlimited
	 * @param sequential whether jobs run one at a time in strict order
	 * @param throttle the minimum interval between two job starts, or {@code null}
	 */
	public ChannelConfig(String name, Integer capacity, boolean sequential, Duration throttle) {
		this(name, capacity, sequential, throttle, null);
	}

	/**
	 * A channel with no limit of its own.
	 * @param name the channel name
	 * @return an unlimited, non-sequential, unthrottled channel
	 */
	public static ChannelConfig unlimited(String name) {
		return new ChannelConfig(name, null, false, null);
	}

	/**
	 * A channel with a capacity.
	 * @param name the channel name
	 * @param capacity the capacity, at least 1
	 * @return a non-sequential, unthrottled channel
	 */
	public static ChannelConfig withCapacity(String name, int capacity) {
		return new ChannelConfig(name, capacity, false, null);
	}

	/**
	 * Whether this channel limits the jobs flowing through it in any way.
	 * @return {@code true} if it has a capacity, is sequential, is throttled, has a rate
	 * limit or a limit per partition key
	 */
	public boolean isLimiting() {
		return this.capacity != null || this.sequential || this.throttle != null || this.rate != null
				|| this.perKey != null;
	}

}
