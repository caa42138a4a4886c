package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.JobContext;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user cancels a running job on another node: the job ends {@code cancelled} with its
 * waiting children, its node stops the try (a statement of a transactional job cancelled,
 * its work rolled back), and a job that checks {@link JobContext#isCancelled()} stops by
 * itself. The try is not retried.
 */
@QueueJobIntegrationTest(classes = CancelRunningJobTests.App.class,
		properties = { "queue-job.poll-interval=1s", "queue-job.worker.threads=2" })
class CancelRunningJobTests {

	private static final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

	private static final Map<String, Boolean> sawCancel = new ConcurrentHashMap<>();

	private static final Map<String, Boolean> sawEnd = new ConcurrentHashMap<>();

	private static ConfigurableApplicationContext otherNode;

	@Autowired
	CancellableJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RunningJobs runningJobs;

	@BeforeAll
	static void startOtherNode() {
		// a node that runs no jobs: the user's cancel comes from it
		otherNode = new SpringApplicationBuilder(OtherNode.class).web(WebApplicationType.NONE)
			.properties(TestDatabase.shared().properties())
			.properties("queue-job.worker.enabled=false", "queue-job.runner.enabled=false",
					"queue-job.migration.enabled=false", "spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stopOtherNode() {
		otherNode.close();
	}

	@BeforeEach
	void effects() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS cancel_effect (job text NOT NULL)");
		this.jdbc.execute("TRUNCATE cancel_effect");
		tries.clear();
		sawCancel.clear();
		sawEnd.clear();
	}

	@Test
	void runningTransactionalJobCancelledOnAnotherNodeEndsCancelledWithItsChildren() {
		UUID parent = this.jobQueue.delayable(this.jobs, (jobs) -> jobs.sleepInDatabase("parent"))
			.onDone(this.jobQueue.delayable(this.jobs, (jobs) -> jobs.quick("child")))
			.delay()
			.uuid();
		UUID child = this.jdbc.queryForObject("SELECT uuid FROM queue_job WHERE args ->> 0 = 'child'", UUID.class);
		assertThat(state(child)).isEqualTo("wait_dependencies");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "started".equals(state(parent)) && tries.containsKey("parent")
					&& this.jdbc.queryForObject(
							"SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'",
							Integer.class) > 0);

		otherNode.getBean(JobOperations.class).cancel(parent);

		await().atMost(Duration.ofSeconds(30)).until(() -> !runningTry("parent"));
		assertThat(state(parent)).isEqualTo("cancelled");
		assertThat(state(child)).isEqualTo("cancelled");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM cancel_effect", Integer.class)).isZero();
		assertThat(tries.get("parent")).hasValue(1);
		assertThat(tries).doesNotContainKey("child");
	}

	@Test
	void jobCheckingItsContextStopsByItself() {
		UUID uuid = this.jobQueue.delayable(this.jobs, (jobs) -> jobs.cooperative("polite")).delay().uuid();
		await().atMost(Duration.ofSeconds(30)).until(() -> tries.containsKey("polite"));

		otherNode.getBean(JobOperations.class).cancel(uuid);

		await().atMost(Duration.ofSeconds(30)).until(() -> sawCancel.containsKey("polite"));
		await().atMost(Duration.ofSeconds(30)).until(() -> !runningTry("polite"));
		assertThat(state(uuid)).isEqualTo("cancelled");
		assertThat(tries.get("polite")).hasValue(1);
	}

	private boolean runningTry(String job) {
		return tries.containsKey(job) && !sawEnd.containsKey(job);
	}

	private String state(UUID uuid) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE uuid = ?", String.class, uuid);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		CancellableJobs cancellableJobs(JdbcTemplate jdbc) {
			return new CancellableJobs(jdbc);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OtherNode {

	}

	public static class CancellableJobs {

		private final JdbcTemplate jdbc;

		public CancellableJobs(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@QueueJob
		public void sleepInDatabase(String job) {
			try {
				tries.computeIfAbsent(job, (key) -> new AtomicInteger()).incrementAndGet();
				this.jdbc.update("INSERT INTO cancel_effect (job) VALUES (?)", job);
				this.jdbc.execute("SELECT pg_sleep(300)");
			}
			finally {
				sawEnd.put(job, true);
			}
		}

		@QueueJob(transactional = false)
		public void cooperative(String job) {
			tries.computeIfAbsent(job, (key) -> new AtomicInteger()).incrementAndGet();
			while (!JobContext.current().isCancelled()) {
				Thread.onSpinWait();
			}
			sawCancel.put(job, true);
			sawEnd.put(job, true);
		}

		@QueueJob
		public void quick(String job) {
			tries.computeIfAbsent(job, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

}
