package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

import io.queuejob.core.RetryableJobException;
import io.queuejob.spring.Delayable;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.internal.runner.BacklogDrainTests.CountingJobs;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under direct claims (the default channels, which limit nothing) the workers take ready
 * jobs straight from pending, and the runner plans only the jobs with an eta. The poll
 * interval is far longer than the test may take, so only notifications and the runner's
 * timed wake-ups can start jobs.
 */
@QueueJobIntegrationTest(classes = { BacklogDrainTests.App.class, DirectClaimsTests.FlakyJobs.class },
		properties = { "queue-job.runner.max-window=20", "queue-job.poll-interval=10m", "queue-job.worker.threads=2" })
class DirectClaimsTests {

	@Autowired
	JobStores stores;

	@Autowired
	CountingJobs jobs;

	@Autowired
	FlakyJobs flaky;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void backlogDrainsWithoutTheRunnerEnqueuingAnyJob() {
		assertThat(this.stores.directClaims()).isTrue();
		int count = 300;
		this.jobQueue.delayableAll(this.jobs, IntStream.range(0, count).boxed().toList(), (j, n) -> j.run(n)).delay();
		await().atMost(Duration.ofSeconds(90)).until(() -> doneBetween(0, count) == count);
		assertThat(IntStream.range(0, count)).allSatisfy((n) -> assertThat(this.jobs.calls().get(n)).hasValue(1));
		// each was enqueued by the claim that started it
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM queue_job
				WHERE job_function = 'countingJobs.run' AND (args ->> 0)::int < ?
				  AND date_enqueued IS NOT DISTINCT FROM date_started
				""", Integer.class, count)).isEqualTo(count);
	}

	@Test
	void jobWithAnEtaRunsAfterItThroughTheRunner() {
		Instant eta = Instant.now().plusSeconds(1);
		this.jobQueue.delayable(this.jobs, (j) -> j.run(1000)).eta(eta).delay();
		await().atMost(Duration.ofSeconds(30)).until(() -> doneBetween(1000, 1001) == 1);
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT date_enqueued, date_started FROM queue_job WHERE args = '[1000]'");
		Instant enqueued = ((Timestamp) row.get("date_enqueued")).toInstant();
		Instant started = ((Timestamp) row.get("date_started")).toInstant();
		assertThat(enqueued).isAfterOrEqualTo(eta).isBefore(started);
		assertThat(this.jobs.calls().get(1000)).hasValue(1);
	}

	@Test
	void childWithAnEtaReleasedByItsParentRunsAtItsEta() {
		Delayable parent = this.jobQueue.delayable(this.jobs, (j) -> j.run(2000));
		parent.onDone(this.jobQueue.delayable(this.jobs, (j) -> j.run(2001)).eta(Duration.ofSeconds(1)));
		parent.delay();
		await().atMost(Duration.ofSeconds(30)).until(() -> doneBetween(2000, 2002) == 2);
		assertThat(this.jobs.calls().get(2001)).hasValue(1);
	}

	@Test
	void retriedJobRunsAgainAtItsEta() {
		this.flaky.failOnce(1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "done".equals(this.jdbc.queryForObject(
					"SELECT state FROM queue_job WHERE job_function = 'flakyJobs.failOnce'", String.class)));
		assertThat(this.jdbc.queryForObject("SELECT retry FROM queue_job WHERE job_function = 'flakyJobs.failOnce'",
				Integer.class))
			.isEqualTo(2);
	}

	private int doneBetween(int from, int to) {
		return this.jdbc.queryForObject("""
				SELECT count(*) FROM queue_job
				WHERE job_function = 'countingJobs.run' AND state = 'done'
				  AND (args ->> 0)::int >= ? AND (args ->> 0)::int < ?
				""", Integer.class, from, to);
	}

	/**
	 * A job that fails its first try, to be retried a second later.
	 */
	@Component("flakyJobs")
	public static class FlakyJobs {

		private volatile boolean failed;

		@QueueJob(retryPattern = "1:1")
		public void failOnce(int n) {
			if (!this.failed) {
				this.failed = true;
				throw new RetryableJobException("first try of " + n);
			}
		}

	}

}
