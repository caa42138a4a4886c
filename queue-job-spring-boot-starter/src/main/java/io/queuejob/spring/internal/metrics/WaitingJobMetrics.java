package io.queuejob.spring.internal.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.queuejob.spring.operations.WaitingCounts;
import io.queuejob.spring.operations.WaitingReason.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The gauges {@code queue.job.waiting}, tagged by {@code channel} and {@code reason}: how
 * many jobs of a channel wait to run for each reason. Their values come from one sample
 * of the waiting jobs, counted in bulk when a gauge is read and the last sample is older
 * than the refresh interval, so that nothing is counted while nobody reads them, and
 * never by the runner or the workers. A channel gets one gauge per reason, from the start
 * for the configured channels and when it first has waiting jobs for the others.
 * Internal: created by the auto-configuration.
 */
public final class WaitingJobMetrics implements MeterBinder {

	static final String WAITING = "queue.job.waiting";

	private static final Log logger = LogFactory.getLog(WaitingJobMetrics.class);

	private final Supplier<WaitingCounts> counter;

	private final long refreshNanos;

	private final LongSupplier nanoTime;

	private final Collection<String> knownChannels;

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private volatile MeterRegistry registry;

	private WaitingCounts counts;

	private long readAt;

	private boolean read;

	/**
	 * Create the gauges.
	 * @param counter counts the waiting jobs, such as
	 * {@link io.queuejob.spring.operations.JobOperations#waitingCounts()}
	 * @param refresh the shortest time between two samples
	 * @param knownChannels the channels whose gauges exist from the start
	 */
	public WaitingJobMetrics(Supplier<WaitingCounts> counter, Duration refresh, Collection<String> knownChannels) {
		this(counter, refresh, knownChannels, System::nanoTime);
	}

	WaitingJobMetrics(Supplier<WaitingCounts> counter, Duration refresh, Collection<String> knownChannels,
			LongSupplier nanoTime) {
		this.counter = counter;
		this.refreshNanos = refresh.toNanos();
		this.knownChannels = knownChannels;
		this.nanoTime = nanoTime;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.knownChannels.forEach(this::registerGauges);
	}

	/**
	 * How many jobs of a channel wait for a reason, in the current sample.
	 * @param channel the channel as stored on its jobs
	 * @param kind the reason
	 * @return the count
	 */
	synchronized double count(String channel, Kind kind) {
		WaitingCounts current = current();
		return (current != null) ? current.count(channel, kind) : 0;
	}

	private WaitingCounts current() {
		long now = this.nanoTime.getAsLong();
		if (this.read && now - this.readAt < this.refreshNanos) {
			return this.counts;
		}
		WaitingCounts fresh;
		try {
			fresh = this.counter.get();
		}
		catch (RuntimeException ex) {
			// keep the last sample; try again after the interval
			logger.debug("queue-job could not count the waiting jobs of each channel", ex);
			this.readAt = now;
			this.read = true;
			return this.counts;
		}
		this.readAt = this.nanoTime.getAsLong();
		this.read = true;
		this.counts = fresh;
		fresh.channels().keySet().forEach(this::registerGauges);
		return fresh;
	}

	private void registerGauges(String channel) {
		MeterRegistry registry = this.registry;
		if (registry == null || !this.channels.add(channel)) {
			return;
		}
		for (Kind kind : Kind.values()) {
			Gauge.builder(WAITING, this, (metrics) -> metrics.count(channel, kind))
				.description("Jobs of the channel waiting to run, by the reason that holds them back (sampled at most"
						+ " once per queue-job.metrics.waiting-refresh)")
				.baseUnit("jobs")
				.tag("channel", channel)
				.tag("reason", reason(kind))
				.strongReference(true)
				.register(registry);
		}
	}

	/**
	 * The value of the {@code reason} tag of a kind, such as {@code no_worker_free}.
	 * @param kind the kind
	 * @return its tag value
	 */
	static String reason(Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

}
