package io.queuejob.spring.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters of the schedules' occurrences, per schedule; nothing is registered for a
 * count of zero.
 */
class ScheduleMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final ScheduleMetrics metrics = new ScheduleMetrics(this.registry);

	@Test
	void occurrencesAreCountedPerSchedule() {
		this.metrics.materialised("nightly", 1);
		this.metrics.materialised("nightly", 2);
		this.metrics.skipped("nightly", 1);
		this.metrics.missed("hourly", 5);
		assertThat(count(ScheduleMetrics.MATERIALISED, "nightly")).isEqualTo(3);
		assertThat(count(ScheduleMetrics.SKIPPED, "nightly")).isEqualTo(1);
		assertThat(count(ScheduleMetrics.MISSED, "hourly")).isEqualTo(5);
	}

	@Test
	void zeroRegistersNothing() {
		this.metrics.missed("nightly", 0);
		assertThat(this.registry.find(ScheduleMetrics.MISSED).counters()).isEmpty();
	}

	private double count(String name, String schedule) {
		Counter counter = this.registry.find(name).tag("schedule", schedule).counter();
		assertThat(counter).as(name + " of " + schedule).isNotNull();
		return counter.count();
	}

}
