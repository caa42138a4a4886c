package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backlog many windows long drains on wake-ups alone: while enough jobs are enqueued
 * the runner skips the finishes of this node's jobs, and it must still plan again before
 * the workers run out. The poll interval is far longer than the test may take. Direct
 * claims are off, so that every job goes through the runner ({@link DirectClaimsTests}
 * drains with them).
 */
@QueueJobIntegrationTest(classes = BacklogDrainTests.App.class, properties = { "queue-job.runner.max-window=20",
		"queue-job.poll-interval=10m", "queue-job.worker.threads=2", "queue-job.worker.direct-claims=false" })
class BacklogDrainTests {

	@Autowired
	CountingJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void backlogOfManyWindowsDrainsWithoutPolling() {
		int count = 500;
		this.jobQueue.delayableAll(this.jobs, IntStream.range(0, count).boxed().toList(), (j, n) -> j.run(n)).delay();
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE state = 'done' AND (args ->> 0)::int < 1000",
					Integer.class) == count);
		assertThat(IntStream.range(0, count)).allSatisfy((n) -> assertThat(this.jobs.calls().get(n)).hasValue(1));
	}

	@Test
	void jobStoredWhileTheWorkersAreBusyRunsWithoutPolling() {
		int count = 200;
		this.jobQueue.delayableAll(this.jobs, IntStream.range(1000, 1000 + count).boxed().toList(), (j, n) -> j.run(n))
			.delay();
		this.jobs.run(5000);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE state = 'done' AND (args ->> 0)::int >= 1000",
					Integer.class) == count + 1);
		assertThat(this.jobs.calls().get(5000)).hasValue(1);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		CountingJobs countingJobs() {
			return new CountingJobs();
		}

	}

	/**
	 * Short jobs that count their calls.
	 */
	public static class CountingJobs {

		private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();

		@QueueJob
		public void run(int n) {
			this.calls.computeIfAbsent(n, (key) -> new AtomicInteger()).incrementAndGet();
		}

		Map<Integer, AtomicInteger> calls() {
			return this.calls;
		}

	}

}
