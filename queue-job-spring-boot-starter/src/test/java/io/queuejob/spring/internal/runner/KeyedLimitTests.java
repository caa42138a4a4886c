package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.TestDatabase;
import io.queuejob.spring.testsupport.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Limits per partition key on two nodes (application contexts) sharing one database,
 * checked from the jobs' recorded starts and ends.
 */
class KeyedLimitTests {

	private final TestDatabase database = TestDatabase.fresh();

	@RegisterExtension
	final TestNodes nodes = new TestNodes(this.database, Node.class, "queue-job.worker.threads=4",
			"queue-job.poll-interval=1s");

	@Test
	void perKeyLimitOfOneHoldsAcrossNodesWhileOtherKeysRun() {
		startNodes(2, "queue-job.channels=root:8, tenants:6:per-key=1");
		for (int i = 0; i < 6; i++) {
			for (String tenant : List.of("acme", "globex", "initech")) {
				this.nodes.get(i % 2).getBean(KeyedJobs.class).work(tenant, i);
			}
		}
		await().atMost(Duration.ofSeconds(90)).until(() -> count("state = 'done'") == 18);
		Map<String, List<Interval>> byKey = intervalsByKey();
		byKey.forEach((key, intervals) -> {
			for (int i = 1; i < intervals.size(); i++) {
				assertThat(intervals.get(i).started())
					.as("job %d of key %s starts after the one before it is done", i, key)
					.isAfterOrEqualTo(intervals.get(i - 1).done());
			}
		});
		assertThat(overlapsBetweenKeys(byKey)).as("jobs of different keys ran at the same time").isPositive();
	}

	@Test
	void keysTakeTurnsWhenOneKeysBacklogCameFirst() {
		startNodes(1, "queue-job.channels=root:8, tenants:4:per-key=3");
		JobOperations operations = this.nodes.get(0).getBean(JobOperations.class);
		KeyedJobs jobs = this.nodes.get(0).getBean(KeyedJobs.class);
		// paused while the jobs are stored, so that the first round sees them all
		operations.pause("tenants");
		for (int i = 0; i < 10; i++) {
			jobs.work("big", i);
		}
		for (int i = 0; i < 2; i++) {
			jobs.work("small", i);
			jobs.work("other", i);
		}
		operations.resume("tenants");
		await().atMost(Duration.ofSeconds(90)).until(() -> count("state = 'done'") == 14);
		List<String> keysInStartOrder = jdbc()
			.queryForList("SELECT partition_key FROM queue_job ORDER BY date_started, id", String.class);
		assertThat(keysInStartOrder.subList(0, 4)).as("the first round gives each key its first turn")
			.contains("big", "small", "other");
		assertThat(keysInStartOrder.subList(10, 14)).as("the big backlog is not all first").contains("big");
	}

	@Test
	void perCallKeyIsLimitedAsAnExpressionsKey() {
		startNodes(1, "queue-job.channels=root:8, tenants:4:per-key=1");
		JobQueue queue = this.nodes.get(0).getBean(JobQueue.class);
		KeyedJobs jobs = this.nodes.get(0).getBean(KeyedJobs.class);
		for (int i = 0; i < 4; i++) {
			int n = i;
			queue.delayable(jobs, (j) -> j.work("ignored", n)).partitionKey("shared").delay();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> count("state = 'done'") == 4);
		List<Interval> intervals = intervalsByKey().get("shared");
		for (int i = 1; i < intervals.size(); i++) {
			assertThat(intervals.get(i).started()).isAfterOrEqualTo(intervals.get(i - 1).done());
		}
	}

	private Map<String, List<Interval>> intervalsByKey() {
		Map<String, List<Interval>> byKey = new HashMap<>();
		jdbc().query("SELECT partition_key, date_started, date_done FROM queue_job ORDER BY date_started", (rs) -> {
			byKey.computeIfAbsent(rs.getString(1), (key) -> new ArrayList<>())
				.add(new Interval(instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))));
		});
		return byKey;
	}

	private static int overlapsBetweenKeys(Map<String, List<Interval>> byKey) {
		List<String> keys = List.copyOf(byKey.keySet());
		int overlaps = 0;
		for (int a = 0; a < keys.size(); a++) {
			for (int b = a + 1; b < keys.size(); b++) {
				for (Interval first : byKey.get(keys.get(a))) {
					for (Interval second : byKey.get(keys.get(b))) {
						if (first.started().isBefore(second.done()) && second.started().isBefore(first.done())) {
							overlaps++;
						}
					}
				}
			}
		}
		return overlaps;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

	private long count(String condition) {
		return jdbc().queryForObject("SELECT count(*) FROM queue_job WHERE " + condition, Long.class);
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.database.dataSource());
	}

	private void startNodes(int count, String... extra) {
		for (int i = 0; i < count; i++) {
			List<String> properties = new ArrayList<>(List.of(extra));
			properties.add("spring.application.name=keyed-" + i);
			this.nodes.start(properties.toArray(String[]::new));
		}
	}

	private record Interval(Instant started, Instant done) {
	}

	/**
	 * Jobs keyed by tenant that take a little while, so that jobs of one key would
	 * overlap without the limit.
	 */
	public static class KeyedJobs {

		@QueueJob(channel = "tenants", partitionKey = "#p0")
		public void work(String tenant, int number) {
			try {
				Thread.sleep(150);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		KeyedJobs keyedJobs() {
			return new KeyedJobs();
		}

	}

}
