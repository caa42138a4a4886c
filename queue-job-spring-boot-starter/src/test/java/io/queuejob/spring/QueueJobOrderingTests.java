package io.queuejob.spring;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order in which the real runner and workers run jobs: priority within a channel of
 * capacity 1, strict creation order in a sequential channel that a failed job blocks, and
 * etas. Jobs that must compete are enqueued in one transaction, so that the runner sees
 * them all at once.
 */
@QueueJobIntegrationTest(classes = QueueJobOrderingTests.App.class,
		properties = { "queue-job.channels=ordered:1, strict:1:sequential", "queue-job.worker.threads=1",
				"queue-job.poll-interval=2s" })
class QueueJobOrderingTests {

	@Autowired
	OrderedJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void jobsOfAChannelRunByPriorityThenCreationOrder() {
		this.transaction.executeWithoutResult((status) -> {
			ordered("prio-30", 30);
			ordered("prio-5-first", 5);
			ordered("prio-20", 20);
			ordered("prio-5-second", 5);
			ordered("prio-10", 10);
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobs.runs("prio-").size() == 5);
		assertThat(this.jobs.runs("prio-")).containsExactly("prio-5-first", "prio-5-second", "prio-10", "prio-20",
				"prio-30");
	}

	@Test
	void sequentialChannelRunsInCreationOrderAndAFailedJobBlocksIt() {
		this.jobs.failOnce("seq-2");
		this.transaction.executeWithoutResult((status) -> {
			this.jobs.strict("seq-1");
			this.jobs.strict("seq-2");
			this.jobs.strict("seq-3");
			this.jobs.strict("seq-4");
		});
		awaitState("orderedJobs.strict", "seq-2", "failed");
		// A job of another channel, enqueued after the failure, has the runner plan
		// again: once it is done, seq-3 would have been enqueued if the channel were free
		this.jobs.unlimited("probe");
		awaitState("orderedJobs.unlimited", "probe", "done");
		assertThat(state("orderedJobs.strict", "seq-3")).isEqualTo("pending");
		assertThat(state("orderedJobs.strict", "seq-4")).isEqualTo("pending");
		assertThat(this.jobs.runs("seq-")).containsExactly("seq-1", "seq-2");

		this.jdbc.update("UPDATE queue_job SET state = 'pending', retry = 0"
				+ " WHERE job_function = 'orderedJobs.strict' AND args ->> 0 = 'seq-2'");
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		awaitState("orderedJobs.strict", "seq-4", "done");
		assertThat(this.jobs.runs("seq-")).containsExactly("seq-1", "seq-2", "seq-2", "seq-3", "seq-4");
		assertThat(state("orderedJobs.strict", "seq-2")).isEqualTo("done");
	}

	@Test
	void jobDoesNotStartBeforeItsEta() {
		JobRef ref = this.jobQueue.delayable(this.jobs, (j) -> j.unlimited("eta")).eta(Duration.ofSeconds(2)).delay();
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(new JobRows(this.jdbc).stateOf(ref.uuid())));
		Map<String, Object> row = this.jdbc.queryForMap("SELECT eta, date_started FROM queue_job WHERE uuid = ?",
				ref.uuid());
		assertThat(row.get("eta")).isNotNull();
		assertThat(((Timestamp) row.get("date_started")).toInstant())
			.isAfterOrEqualTo(((Timestamp) row.get("eta")).toInstant());
	}

	private void ordered(String marker, int priority) {
		this.jobQueue.delayable(this.jobs, (j) -> j.ordered(marker)).priority(priority).delay();
	}

	private String state(String function, String argument) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE job_function = ? AND args ->> 0 = ?",
				String.class, function, argument);
	}

	private void awaitState(String function, String argument, String state) {
		await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(state(function, argument)));
	}

	/**
	 * Job methods that record the order their bodies ran in.
	 */
	public static class OrderedJobs {

		private final Queue<String> runs = new ConcurrentLinkedQueue<>();

		private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

		/**
		 * The runs whose marker starts with a prefix, in the order they started.
		 * @param prefix the prefix
		 * @return the markers
		 */
		public List<String> runs(String prefix) {
			return this.runs.stream().filter((marker) -> marker.startsWith(prefix)).toList();
		}

		/**
		 * Make the next run with this marker fail.
		 * @param marker the marker
		 */
		public void failOnce(String marker) {
			this.failOnce.add(marker);
		}

		@QueueJob(channel = "ordered")
		public void ordered(String marker) {
			this.runs.add(marker);
		}

		@QueueJob(channel = "strict")
		public void strict(String marker) {
			this.runs.add(marker);
			if (this.failOnce.remove(marker)) {
				throw new IllegalStateException("failing " + marker + " once");
			}
		}

		@QueueJob(channel = "other")
		public void unlimited(String marker) {
			this.runs.add(marker);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		OrderedJobs orderedJobs() {
			return new OrderedJobs();
		}

	}

}
