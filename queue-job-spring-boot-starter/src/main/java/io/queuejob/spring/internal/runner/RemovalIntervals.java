package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.queuejob.core.channel.ChannelNames;

/**
 * How long finished jobs of each channel are kept: the removal interval configured for
 * the channel, else the one of its nearest configured ancestor, else the global one. A
 * channel's setting thus covers its sub-channels unless they have their own.
 */
final class RemovalIntervals {

	private final Duration global;

	private final Map<String, Duration> byChannel = new HashMap<>();

	/**
	 * Create the intervals.
	 * @param global the interval of channels without a configured one
	 * @param byChannel the configured intervals, by channel name ({@code root.} may be
	 * omitted)
	 * @throws IllegalArgumentException if an interval is not positive
	 */
	RemovalIntervals(Duration global, Map<String, Duration> byChannel) {
		this.global = positive("queue-job.vacuum.removal-interval", global);
		byChannel.forEach((name, interval) -> {
			String channel = ChannelNames.normalize(name);
			this.byChannel.put(channel, positive("queue-job.channel[" + channel + "].removal-interval", interval));
		});
	}

	private static Duration positive(String property, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration, got " + interval);
		}
		return interval;
	}

	/**
	 * The removal interval of a channel.
	 * @param channel the full channel name, as stored on jobs
	 * @return the interval
	 */
	Duration of(String channel) {
		for (String name = channel; name != null; name = ChannelNames.parent(name)) {
			Duration interval = this.byChannel.get(name);
			if (interval != null) {
				return interval;
			}
		}
		return this.global;
	}

}
