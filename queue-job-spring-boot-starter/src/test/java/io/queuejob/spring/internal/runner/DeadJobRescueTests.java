package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs started by a node that is gone (its liveness lock is not held) are requeued, or
 * failed with {@code JobFoundDead} when no try is left; a job that runs on a live node is
 * never rescued, however long it runs.
 */
@ExtendWith(OutputCaptureExtension.class)
@QueueJobIntegrationTest(classes = DeadJobRescueTests.App.class,
		properties = { "queue-job.runner.dead-node-grace=1s", "queue-job.poll-interval=1s" })
class DeadJobRescueTests {

	@Autowired
	Recorder recorder;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void jobStartedByADeadNodeIsRequeuedAndRunsAgain(CapturedOutput output) {
		insertStartedByDeadNode("orphan", 1, 5);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.recorder.calls().contains("orphan"));
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state("orphan")));
		assertThat(row("orphan")).containsEntry("retry", 2);
		awaitLine(output, "WARN", "Job " + row("orphan").get("uuid")
				+ " (recorder.record) try 1 of 5 was started by node ghost-node, which is gone; the job is pending again");
	}

	@Test
	void jobStartedByADeadNodeWithoutTriesLeftFailsAsFoundDead(CapturedOutput output) {
		insertStartedByDeadNode("last try", 3, 3);
		await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(state("last try")));
		Map<String, Object> row = row("last try");
		assertThat(row).containsEntry("exc_name", "JobFoundDead");
		assertThat(row.get("date_failed")).isNotNull();
		assertThat((String) row.get("exc_message")).contains("ghost-node").contains("no try is left");
		assertThat(this.recorder.calls()).doesNotContain("last try");
		awaitLine(output, "ERROR", "Job " + row.get("uuid") + " (recorder.record) try 3 of 3 was started by node "
				+ "ghost-node, which is gone; the job failed for good as JobFoundDead: no try is left");
	}

	@Test
	void longJobOnALiveNodeIsNeverRescued() throws InterruptedException {
		this.recorder.slow("long");
		assertThat(this.recorder.awaitSlowStarted()).isTrue();
		// A job of a dead node started after the long one is rescued and run again: the
		// rescue has looked at the started jobs at least once while the long job ran
		insertStartedByDeadNode("probe", 1, 5);
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state("probe")));
		assertThat(row("long")).containsEntry("state", "started").containsEntry("retry", 1);
		this.recorder.releaseSlow();
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state("long")));
		assertThat(row("long")).containsEntry("retry", 1);
		assertThat(this.recorder.calls().stream().filter("long"::equals)).hasSize(1);
	}

	private void insertStartedByDeadNode(String text, int retry, int maxRetries) {
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, retry, max_retries, job_function, args,
				                       date_enqueued, date_started, worker)
				VALUES (gen_random_uuid(), 'started', 'root', 10, ?, ?, 'recorder.record', to_jsonb(ARRAY[?::text]),
				        now(), now(), 'ghost-node')
				""", retry, maxRetries, text);
	}

	private static void awaitLine(CapturedOutput output, String level, String text) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getOut().lines().anyMatch((line) -> line.contains(level) && line.contains(text)));
	}

	private String state(String text) {
		return (String) row(text).get("state");
	}

	private Map<String, Object> row(String text) {
		return this.jdbc.queryForMap("SELECT * FROM queue_job WHERE args ->> 0 = ?", text);
	}

	/**
	 * Records its calls; {@link #slow} runs until released.
	 */
	public static class Recorder {

		private final Queue<String> calls = new ConcurrentLinkedQueue<>();

		private final CountDownLatch slowStarted = new CountDownLatch(1);

		private final CountDownLatch slowReleased = new CountDownLatch(1);

		@QueueJob
		public void record(String text) {
			this.calls.add(text);
		}

		@QueueJob(transactional = false)
		public void slow(String text) throws InterruptedException {
			this.slowStarted.countDown();
			this.slowReleased.await();
			this.calls.add(text);
		}

		public Queue<String> calls() {
			return this.calls;
		}

		public boolean awaitSlowStarted() throws InterruptedException {
			return this.slowStarted.await(30, TimeUnit.SECONDS);
		}

		public void releaseSlow() {
			this.slowReleased.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

}
