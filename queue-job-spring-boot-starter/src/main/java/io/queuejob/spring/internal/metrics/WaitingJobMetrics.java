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

	private final Sample<WaitingCounts> sample;

	private final Collection<String> knownChannels;

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private volatile MeterRegistry registry;

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
		this.sample = new Sample<>(counter, "the waiting jobs of each channel", null, refresh, nanoTime,
				(counts) -> counts.channels().keySet().forEach(this::registerGauges));
		this.knownChannels = knownChannels;
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
	double count(String channel, Kind kind) {
		WaitingCounts current = this.sample.get();
		return (current != null) ? current.count(channel, kind) : 0;
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
