package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.internal.health.QueueJobHealthIndicator;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A try that runs past its job's timeout is stopped: its thread interrupted, a statement
 * it runs in its transaction cancelled, its work rolled back, and the job retried through
 * its pattern, then failed with the timeout. A thread that does not stop is given up
 * after the stop grace period: its job fails once, and a new thread runs the next jobs.
 */
@QueueJobIntegrationTest(classes = DeadlineTests.App.class,
		properties = { "queue-job.poll-interval=1s", "queue-job.worker.threads=2", "queue-job.worker.stop-grace=500ms",
				"queue-job.worker.default-timeout=1h", "queue-job.functions.[slowJobs.overridden].timeout=2s" })
class DeadlineTests {

	private static final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

	@Autowired
	SlowJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JobWorkers workers;

	@Autowired
	RunningJobs runningJobs;

	@Autowired
	QueueJobHealthIndicator health;

	@BeforeEach
	void effects() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS deadline_effect (job text NOT NULL)");
		this.jdbc.execute("TRUNCATE deadline_effect");
		tries.clear();
	}

	@Test
	void transactionalJobSleepingPastItsDeadlineIsRolledBackRetriedThenFailed() throws Exception {
		this.jobs.sleepInJava("java");
		awaitEnd("java");
		assertThat(tries.get("java")).hasValue(2);
		assertThat(row("java")).containsEntry("state", "failed")
			.containsEntry("retry", 2)
			.containsEntry("exc_name", "io.queuejob.core.FailedJobException");
		assertThat((String) row("java").get("exc_message")).contains("Max. retries (2) reached")
			.contains("Timed out after 300ms");
		assertThat(effects("java")).isZero();
	}

	@Test
	void statementRunningPastTheDeadlineIsCancelled() {
		this.jobs.sleepInDatabase("database");
		awaitEnd("database");
		assertThat(tries.get("database")).hasValue(2);
		assertThat(row("database")).containsEntry("state", "failed");
		assertThat((String) row("database").get("exc_message")).contains("Timed out after 300ms");
		assertThat(effects("database")).isZero();
	}

	@Test
	void timeoutIsFinalWithoutRetryOnTimeout() throws Exception {
		this.jobs.notRetriedOnTimeout("final");
		awaitEnd("final");
		assertThat(tries.get("final")).hasValue(1);
		assertThat(row("final")).containsEntry("state", "failed")
			.containsEntry("retry", 1)
			.containsEntry("exc_name", "io.queuejob.core.JobTimeoutException")
			.containsEntry("exc_message", "Timed out after 300ms");
	}

	@Test
	void deadlineIsStoredWithTheJobWhenItStarts() throws Exception {
		this.jobs.notRetriedOnTimeout("stored");
		await().atMost(Duration.ofSeconds(30)).until(() -> tries.containsKey("stored"));
		Map<String, Object> started = this.jdbc
			.queryForMap("SELECT (extract(epoch FROM timeout) * 1000)::int AS timeout_ms,"
					+ " (extract(epoch FROM date_deadline - date_started) * 1000)::int AS to_deadline"
					+ " FROM queue_job WHERE args ->> 0 = 'stored'");
		assertThat(started).containsEntry("timeout_ms", 300);
		assertThat(started).containsEntry("to_deadline", 300);
		awaitEnd("stored");
	}

	@Test
	void timeoutComesFromTheCallThenTheFunctionThenTheNodeDefault() {
		this.jobQueue.delayable(this.jobs, (jobs) -> jobs.quick("per-call")).timeout(Duration.ofMillis(750)).delay();
		this.jobs.overridden("property");
		this.jobs.quick("default");
		this.jobQueue.delayableAll(this.jobs, List.of("batch"), SlowJobs::quick).timeout(Duration.ofSeconds(3)).delay();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "done".equals(state("per-call")) && "done".equals(state("property"))
					&& "done".equals(state("default")) && "done".equals(state("batch")));
		assertThat(timeoutMillis("per-call")).isEqualTo(750);
		assertThat(timeoutMillis("property")).isEqualTo(2000);
		assertThat(timeoutMillis("default")).isEqualTo(3_600_000);
		assertThat(timeoutMillis("batch")).isEqualTo(3000);
	}

	@Test
	void threadThatIgnoresInterruptsIsGivenUpAndReplaced() throws Exception {
		long lostBefore = this.runningJobs.lostThreads();
		SlowJobs.stuck = new CountDownLatch(1);
		try {
			this.jobs.ignoringInterrupts("stuck-1");
			this.jobs.ignoringInterrupts("stuck-2");
			awaitEnd("stuck-1");
			awaitEnd("stuck-2");
			assertThat(row("stuck-1")).containsEntry("state", "failed").containsEntry("retry", 1);
			assertThat((String) row("stuck-1").get("exc_message")).startsWith("Timed out after 300ms: ")
				.contains("given up");
			assertThat(this.runningJobs.lostThreads()).isEqualTo(lostBefore + 2);
			assertThat(this.health.health(true).getDetails()).containsEntry("lostWorkerThreads", lostBefore + 2);
			// both threads of the node still run the lost jobs: their replacements run
			// this
			this.jobs.quick("after");
			await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state("after")));
			assertThat(this.workers.threads()).isEqualTo(2);
		}
		finally {
			SlowJobs.stuck.countDown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> SlowJobs.ended.get() >= 2);
		assertThat(tries.get("stuck-1")).hasValue(1);
		assertThat(tries.get("stuck-2")).hasValue(1);
		assertThat(row("stuck-1")).containsEntry("state", "failed");
		assertThat(effects("stuck-1")).isZero();
	}

	@Test
	void jobEndingAsItsDeadlinePassesEndsOnce() {
		for (int i = 0; i < 30; i++) {
			this.jobs.nearTheDeadline("near-" + i);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE args ->> 0 LIKE 'near-%' AND state IN ('done', 'failed')",
					Integer.class) == 30);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT state FROM queue_job WHERE args ->> 0 LIKE 'near-%'",
				String.class))
			.containsExactlyInAnyOrder("done", "failed");
		for (int i = 0; i < 30; i++) {
			String job = "near-" + i;
			assertThat(tries.get(job)).as(job).hasValue(1);
			assertThat(effects(job)).as(job).isEqualTo("done".equals(state(job)) ? 1 : 0);
		}
	}

	private void awaitEnd(String job) {
		await().atMost(Duration.ofSeconds(30)).until(() -> List.of("done", "failed", "cancelled").contains(state(job)));
	}

	private String state(String job) {
		return this.jdbc.queryForList("SELECT state FROM queue_job WHERE args ->> 0 = ?", String.class, job)
			.stream()
			.findFirst()
			.orElse(null);
	}

	private Map<String, Object> row(String job) {
		return this.jdbc.queryForMap("SELECT state, retry, exc_name, exc_message FROM queue_job WHERE args ->> 0 = ?",
				job);
	}

	private int timeoutMillis(String job) {
		return this.jdbc.queryForObject(
				"SELECT (extract(epoch FROM timeout) * 1000)::int FROM queue_job WHERE args ->> 0 = ?", Integer.class,
				job);
	}

	private int effects(String job) {
		return this.jdbc.queryForObject("SELECT count(*) FROM deadline_effect WHERE job = ?", Integer.class, job);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		SlowJobs slowJobs(JdbcTemplate jdbc) {
			return new SlowJobs(jdbc);
		}

	}

	public static class SlowJobs {

		static volatile CountDownLatch stuck = new CountDownLatch(0);

		static final AtomicInteger ended = new AtomicInteger();

		private final JdbcTemplate jdbc;

		public SlowJobs(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@QueueJob(timeout = "300ms", maxRetries = 2, retryPattern = "1:0")
		public void sleepInJava(String job) throws InterruptedException {
			effect(job);
			Thread.sleep(Duration.ofMinutes(5).toMillis());
		}

		@QueueJob(timeout = "300ms", maxRetries = 2, retryPattern = "1:0")
		public void sleepInDatabase(String job) {
			effect(job);
			this.jdbc.execute("SELECT pg_sleep(300)");
		}

		@QueueJob(timeout = "300ms", retryOnTimeout = false)
		public void notRetriedOnTimeout(String job) throws InterruptedException {
			effect(job);
			Thread.sleep(Duration.ofMinutes(5).toMillis());
		}

		@QueueJob(timeout = "300ms", transactional = false)
		public void ignoringInterrupts(String job) {
			tries.computeIfAbsent(job, (key) -> new AtomicInteger()).incrementAndGet();
			boolean released = false;
			while (!released) {
				try {
					released = stuck.await(5, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					// ignored on purpose: this job cannot be stopped
				}
			}
			ended.incrementAndGet();
		}

		@QueueJob(timeout = "50ms", retryOnTimeout = false)
		public void nearTheDeadline(String job) {
			effect(job);
			// around the deadline: some end before it, some after
			long end = System.nanoTime() + Duration.ofMillis(30 + Math.floorMod(job.hashCode(), 40)).toNanos();
			while (System.nanoTime() < end) {
				Thread.onSpinWait();
			}
		}

		@QueueJob
		public void quick(String job) {
		}

		@QueueJob(timeout = "1h")
		public void overridden(String job) {
		}

		private void effect(String job) {
			tries.computeIfAbsent(job, (key) -> new AtomicInteger()).incrementAndGet();
			this.jdbc.update("INSERT INTO deadline_effect (job) VALUES (?)", job);
		}

	}

}
