package io.queuejob.spring.internal.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.internal.store.JdbcJobStatistics.PendingChannel;

/**
 * The backlog of each channel, read at most once per refresh interval, when a gauge asks
 * for it. The age of the oldest job grows between two reads.
 */
final class PendingJobs {

	private final Sample<Map<String, PendingChannel>> sample;

	/**
	 * Create the backlog.
	 * @param statistics the queries
	 * @param refresh the shortest time between two reads
	 * @param limit the most jobs counted per channel
	 * @param nanoTime the monotonic clock
	 * @param onChannel called with the channels of each read, to register their gauges
	 * once
	 */
	PendingJobs(JdbcJobStatistics statistics, Duration refresh, int limit, LongSupplier nanoTime,
			Consumer<String> onChannel) {
		this.sample = new Sample<>(() -> read(statistics, limit), "the pending jobs of each channel", Map.of(), refresh,
				nanoTime, (channels) -> channels.keySet().forEach(onChannel));
	}

	/**
	 * How many jobs of a channel are pending, up to the limit.
	 * @param channel the channel
	 * @return the depth
	 */
	double depth(String channel) {
		PendingChannel pending = this.sample.get().get(channel);
		return (pending != null) ? pending.depth() : 0;
	}

	/**
	 * How long the oldest due pending job of a channel has waited.
	 * @param channel the channel
	 * @return the age in seconds, 0 when none is due
	 */
	double oldestAgeSeconds(String channel) {
		PendingChannel pending = this.sample.get().get(channel);
		if (pending == null || pending.oldestAge() == null) {
			return 0;
		}
		return (pending.oldestAge().toNanos() + this.sample.nanosSinceRead()) / 1e9;
	}

	private static Map<String, PendingChannel> read(JdbcJobStatistics statistics, int limit) {
		Map<String, PendingChannel> channels = new HashMap<>();
		statistics.pendingChannels(limit).forEach((pending) -> channels.put(pending.channel(), pending));
		return channels;
	}

}
