package io.queuejob.spring.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.queuejob.spring.internal.schedule.ScheduleObserver;

/**
 * The Micrometer counters of the schedules' occurrences on the runner's node, tagged by
 * {@code schedule}: materialised as jobs, skipped by the overlap policy (or merged into a
 * waiting job with the same identity key), and missed. Internal: created by the
 * auto-configuration.
 */
public final class ScheduleMetrics implements ScheduleObserver {

	static final String MATERIALISED = "queue.job.schedule.materialised";

	static final String SKIPPED = "queue.job.schedule.skipped";

	static final String MISSED = "queue.job.schedule.missed";

	private final MeterRegistry registry;

	/**
	 * Create the counters.
	 * @param registry where they are registered
	 */
	public ScheduleMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void materialised(String schedule, long count) {
		increment(MATERIALISED, "Occurrences of schedules stored as jobs", schedule, count);
	}

	@Override
	public void skipped(String schedule, long count) {
		increment(SKIPPED, "Occurrences of schedules dropped because the previous job still waited or ran", schedule,
				count);
	}

	@Override
	public void missed(String schedule, long count) {
		increment(MISSED, "Occurrences of schedules missed and dropped by their missed-occurrence policy", schedule,
				count);
	}

	private void increment(String name, String description, String schedule, long count) {
		if (count > 0) {
			Counter.builder(name)
				.description(description)
				.baseUnit("occurrences")
				.tag("schedule", schedule)
				.register(this.registry)
				.increment(count);
		}
	}

}
