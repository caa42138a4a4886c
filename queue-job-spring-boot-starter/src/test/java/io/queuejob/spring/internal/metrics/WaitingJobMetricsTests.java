package io.queuejob.spring.internal.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.queuejob.spring.operations.WaitingCounts;
import io.queuejob.spring.operations.WaitingReason.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample behind the {@code queue.job.waiting} gauges, on a clock the test moves: it
 * is counted when a gauge is read, at most once per refresh interval.
 */
class WaitingJobMetricsTests {

	private final AtomicLong nanoTime = new AtomicLong();

	private final AtomicInteger samples = new AtomicInteger();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void nothingIsCountedUntilAGaugeIsRead() {
		bind();
		assertThat(this.registry.find(WaitingJobMetrics.WAITING).gauges()).hasSize(Kind.values().length);
		assertThat(this.samples).hasValue(0);
	}

	@Test
	void aSampleServesEveryReadWithinTheInterval() {
		bind();
		assertThat(gauge("root.mail", "capacity")).isEqualTo(1);
		assertThat(gauge("root.mail", "eta")).isZero();
		this.nanoTime.addAndGet(Duration.ofSeconds(29).toNanos());
		assertThat(gauge("root.mail", "capacity")).isEqualTo(1);
		assertThat(this.samples).hasValue(1);
		this.nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(gauge("root.mail", "capacity")).isEqualTo(2);
		assertThat(this.samples).hasValue(2);
	}

	@Test
	void aChannelGetsItsGaugesWhenItFirstHasWaitingJobs() {
		bind();
		gauge("root.mail", "capacity");
		assertThat(gauge("root.other", "paused")).isEqualTo(1);
		assertThat(this.registry.find(WaitingJobMetrics.WAITING).gauges()).hasSize(2 * Kind.values().length);
	}

	@Test
	void aFailedCountKeepsTheLastSampleUntilTheNextInterval() {
		WaitingJobMetrics metrics = new WaitingJobMetrics(() -> {
			if (this.samples.incrementAndGet() > 1) {
				throw new IllegalStateException("database down");
			}
			return new WaitingCounts(Instant.now(), Map.of("root.mail", Map.of(Kind.ETA, 5L)));
		}, Duration.ofSeconds(30), List.of("root.mail"), this.nanoTime::get);
		metrics.bindTo(this.registry);
		assertThat(gauge("root.mail", "eta")).isEqualTo(5);
		this.nanoTime.addAndGet(Duration.ofSeconds(30).toNanos());
		assertThat(gauge("root.mail", "eta")).isEqualTo(5);
		assertThat(gauge("root.mail", "eta")).isEqualTo(5);
		assertThat(this.samples).hasValue(2);
	}

	private void bind() {
		new WaitingJobMetrics(() -> {
			int sample = this.samples.incrementAndGet();
			return new WaitingCounts(Instant.now(),
					Map.of("root.mail", Map.of(Kind.CAPACITY, (long) sample), "root.other", Map.of(Kind.PAUSED, 1L)));
		}, Duration.ofSeconds(30), List.of("root.mail"), this.nanoTime::get).bindTo(this.registry);
	}

	private double gauge(String channel, String reason) {
		return this.registry.get(WaitingJobMetrics.WAITING)
			.tag("channel", channel)
			.tag("reason", reason)
			.gauge()
			.value();
	}

}
