package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.internal.store.ClaimedJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RunningJobs}: a job claimed ahead and cancelled while it waits for a
 * thread never runs its method.
 */
class RunningJobsTests {

	private final RunningJobs runningJobs = new RunningJobs(Duration.ofSeconds(10));

	private final Counter counter = new Counter();

	@AfterEach
	void close() {
		this.runningJobs.close();
	}

	@Test
	void jobCancelledWhileWaitingForAThreadStopsBeforeItsMethodRuns() throws Exception {
		ClaimedJob job = job();
		this.runningJobs.queued(job);

		assertThat(this.runningJobs.cancel(List.of(job.uuid()))).isOne();
		RunningJob running = this.runningJobs.start(job);

		assertThat(running.stopReason()).isEqualTo(JobStop.CANCELLED);
		assertThatExceptionOfType(JobCancelledException.class).isThrownBy(() -> new RunningJobContext(running, null)
			.invoke(Counter.class.getMethod("increment"), this.counter, new Object[0]));
		assertThat(this.counter.calls).hasValue(0);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void jobNotCancelledRunsItsMethod() throws Throwable {
		ClaimedJob job = job();
		this.runningJobs.queued(job);
		assertThat(this.runningJobs.cancel(List.of(UUID.randomUUID()))).isZero();

		RunningJob running = this.runningJobs.start(job);
		new RunningJobContext(running, null).invoke(Counter.class.getMethod("increment"), this.counter, new Object[0]);

		assertThat(running.stopReason()).isNull();
		assertThat(this.counter.calls).hasValue(1);
	}

	@Test
	void droppedJobIsNoLongerWatched() {
		ClaimedJob job = job();
		this.runningJobs.queued(job);
		this.runningJobs.dropped(job);

		assertThat(this.runningJobs.cancel(List.of(job.uuid()))).isZero();
		assertThat(this.runningJobs.start(job).stopReason()).isNull();
	}

	private static ClaimedJob job() {
		return new ClaimedJob(1, UUID.randomUUID(), "counter.increment", "[]", "root", 1, 5, "node-1", null);
	}

	public static class Counter {

		final AtomicInteger calls = new AtomicInteger();

		public void increment() {
			this.calls.incrementAndGet();
		}

	}

}
