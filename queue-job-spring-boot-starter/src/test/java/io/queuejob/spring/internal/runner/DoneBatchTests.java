package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.List;
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
 * Non-transactional jobs finishing together have their moves to done written in batches:
 * each job still ends done once, with its own try, and releases its dependents.
 */
@QueueJobIntegrationTest(classes = DoneBatchTests.App.class,
		properties = { "queue-job.worker.threads=8", "queue-job.poll-interval=2s" })
class DoneBatchTests {

	@Autowired
	PlainJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void manyNonTransactionalJobsEachEndDoneOnce() {
		int count = 400;
		this.jobQueue.delayableAll(this.jobs, IntStream.range(0, count).boxed().toList(), (j, n) -> j.run(n)).delay();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE job_function = 'plainJobs.run' AND state = 'done'",
					Integer.class) == count);
		assertThat(this.jobs.calls()).hasSize(count).allSatisfy((n, calls) -> assertThat(calls.get()).isOne());
		Map<String, Object> totals = this.jdbc.queryForMap(
				"SELECT sum(retry) AS tries, count(exec_time_ms) AS timed, count(date_done) AS dated FROM queue_job"
						+ " WHERE job_function = 'plainJobs.run'");
		assertThat(totals).containsEntry("tries", 400L).containsEntry("timed", 400L).containsEntry("dated", 400L);
	}

	@Test
	void nonTransactionalParentReleasesItsChildWhenDone() {
		this.jobQueue.delayable(this.jobs, (j) -> j.parent())
			.onDone(this.jobQueue.delayable(this.jobs, (j) -> j.child()))
			.delay();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList(
					"SELECT state FROM queue_job WHERE job_function IN ('plainJobs.parent', 'plainJobs.child')",
					String.class), (states) -> states.equals(List.of("done", "done")));
		assertThat(this.jobs.order()).containsExactly("parent", "child");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		PlainJobs plainJobs() {
			return new PlainJobs();
		}

	}

	/**
	 * Non-transactional jobs that count their calls.
	 */
	public static class PlainJobs {

		private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();

		private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

		@QueueJob(transactional = false)
		public void run(int n) {
			this.calls.computeIfAbsent(n, (key) -> new AtomicInteger()).incrementAndGet();
		}

		@QueueJob(transactional = false)
		public void parent() {
			this.order.add("parent");
		}

		@QueueJob(transactional = false)
		public void child() {
			this.order.add("child");
		}

		Map<Integer, AtomicInteger> calls() {
			return this.calls;
		}

		List<String> order() {
			return this.order;
		}

	}

}
