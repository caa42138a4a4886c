package io.queuejob.spring.internal.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.internal.store.JdbcJobStatistics.PendingChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The backlog of each channel, read at most once per refresh interval, when a gauge asks
 * for it. The age of the oldest job grows between two reads.
 */
final class PendingJobs {

	private static final Log logger = LogFactory.getLog(PendingJobs.class);

	private final JdbcJobStatistics statistics;

	private final long refreshNanos;

	private final int limit;

	private final LongSupplier nanoTime;

	private final Consumer<String> onChannel;

	private Map<String, PendingChannel> channels = Map.of();

	private long readAt;

	private boolean read;

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
		this.statistics = statistics;
		this.refreshNanos = refresh.toNanos();
		this.limit = limit;
		this.nanoTime = nanoTime;
		this.onChannel = onChannel;
	}

	/**
	 * How many jobs of a channel are pending, up to the limit.
	 * @param channel the channel
	 * @return the depth
	 */
	synchronized double depth(String channel) {
		PendingChannel pending = current().get(channel);
		return (pending != null) ? pending.depth() : 0;
	}

	/**
	 * How long the oldest due pending job of a channel has waited.
	 * @param channel the channel
	 * @return the age in seconds, 0 when none is due
	 */
	synchronized double oldestAgeSeconds(String channel) {
		PendingChannel pending = current().get(channel);
		if (pending == null || pending.oldestAge() == null) {
			return 0;
		}
		long sinceRead = this.nanoTime.getAsLong() - this.readAt;
		return (pending.oldestAge().toNanos() + sinceRead) / 1e9;
	}

	private Map<String, PendingChannel> current() {
		long now = this.nanoTime.getAsLong();
		if (this.read && now - this.readAt < this.refreshNanos) {
			return this.channels;
		}
		List<PendingChannel> fresh;
		try {
			fresh = this.statistics.pendingChannels(this.limit);
		}
		catch (RuntimeException ex) {
			// keep the last values; try again after the interval
			logger.debug("queue-job could not read the pending jobs of each channel", ex);
			this.readAt = now;
			this.read = true;
			return this.channels;
		}
		Map<String, PendingChannel> channels = new HashMap<>();
		fresh.forEach((pending) -> channels.put(pending.channel(), pending));
		this.readAt = this.nanoTime.getAsLong();
		this.read = true;
		this.channels = channels;
		channels.keySet().forEach(this.onChannel);
		return channels;
	}

}
