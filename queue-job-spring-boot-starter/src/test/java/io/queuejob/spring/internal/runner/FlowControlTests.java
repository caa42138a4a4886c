package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Flow control across two nodes (application contexts) on one database: a paused channel
 * starts nothing on any node until it is resumed, and a channel's rate holds across the
 * nodes and across a runner failover, counted from the jobs' recorded starts.
 */
class FlowControlTests {

	private static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private final TestDatabase database = TestDatabase.fresh();

	@RegisterExtension
	final TestNodes nodes = new TestNodes(this.database, Node.class, "queue-job.worker.threads=3",
			"queue-job.poll-interval=2s");

	@Test
	void pauseStopsStartsOnEveryNodeAndResumeStartsThemAgain() {
		startNodes("queue-job.channels=root:4, paused:2");
		assertPauseHoldsUntilResumed("limited");
	}

	@Test
	void pauseHoldsUnderDirectClaims() {
		startNodes();
		assertThat(this.nodes.get(0).getBean(io.queuejob.spring.internal.store.JobStores.class).directClaims())
			.isTrue();
		assertPauseHoldsUntilResumed("direct");
	}

	@Test
	void rateHoldsAcrossNodesAndARunnerFailover() {
		startNodes("queue-job.channels=root:8, api:8:rate=10/2s, api.slow:4:rate=3/2s");
		for (int i = 0; i < 25; i++) {
			this.nodes.get(i % 2).getBean(FlowJobs.class).api("rate-" + i);
		}
		for (int i = 0; i < 6; i++) {
			this.nodes.get(i % 2).getBean(FlowJobs.class).slow("slow-" + i);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> done("root.api") >= 12);
		this.nodes.stopLeader();
		await().atMost(Duration.ofSeconds(90)).until(() -> done("root.api") + done("root.api.slow") == 31);
		assertThat(mostStartsWithinAPeriod("root.api", Duration.ofSeconds(2)))
			.as("the parent's rate counts its sub-channel's starts too")
			.isEqualTo(10);
		assertThat(mostStartsWithinAPeriod("root.api.slow", Duration.ofSeconds(2))).isEqualTo(3);
	}

	private void assertPauseHoldsUntilResumed(String prefix) {
		JobOperations operations = this.nodes.get(0).getBean(JobOperations.class);
		assertThat(operations.pause("paused").paused()).isTrue();
		for (int i = 0; i < 10; i++) {
			this.nodes.get(i % 2).getBean(FlowJobs.class).paused(prefix + "-paused-" + i);
		}
		for (int i = 0; i < 10; i++) {
			this.nodes.get(i % 2).getBean(FlowJobs.class).other(prefix + "-other-" + i);
		}
		// the other channel's jobs were planned and claimed after the paused ones
		// were stored, on both nodes
		await().atMost(Duration.ofSeconds(60)).until(() -> ran(prefix + "-other-") == 10);
		assertThat(ran(prefix + "-paused-")).isZero();
		assertThat(jdbc().queryForObject(
				"SELECT count(*) FROM queue_job WHERE channel = 'root.paused' AND state = 'pending'", Integer.class))
			.isEqualTo(10);
		assertThat(operations.channels()).filteredOn((channel) -> channel.name().equals("root.paused"))
			.singleElement()
			.satisfies((channel) -> assertThat(channel.paused()).isTrue());
		assertThat(this.nodes.get(1).getBean(JobOperations.class).resume("root.paused").paused()).isFalse();
		await().atMost(Duration.ofSeconds(60)).until(() -> ran(prefix + "-paused-") == 10);
	}

	private long done(String channel) {
		return jdbc().queryForObject("SELECT count(*) FROM queue_job WHERE channel = ? AND state = 'done'", Long.class,
				channel);
	}

	/**
	 * The most jobs of a channel and its sub-channels whose recorded starts fall within
	 * one period, over every period that begins at a start.
	 */
	private int mostStartsWithinAPeriod(String channel, Duration period) {
		List<Instant> starts = jdbc()
			.queryForList(
					"SELECT date_started FROM queue_job WHERE channel = ? OR channel LIKE ? ORDER BY date_started",
					Timestamp.class, channel, channel + ".%")
			.stream()
			.map(Timestamp::toInstant)
			.toList();
		int most = 0;
		for (int i = 0; i < starts.size(); i++) {
			Instant end = starts.get(i).plus(period);
			int within = 0;
			for (int j = i; j < starts.size() && starts.get(j).isBefore(end); j++) {
				within++;
			}
			most = Math.max(most, within);
		}
		return most;
	}

	private static int ran(String prefix) {
		return (int) runs.keySet().stream().filter((id) -> id.startsWith(prefix)).count();
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.database.dataSource());
	}

	private void startNodes(String... extra) {
		for (int i = 0; i < 2; i++) {
			List<String> properties = new ArrayList<>(List.of(extra));
			properties.add("spring.application.name=flow-" + i);
			this.nodes.start(properties.toArray(String[]::new));
		}
	}

	/**
	 * Jobs that record that they ran.
	 */
	public static class FlowJobs {

		@QueueJob(channel = "paused")
		public void paused(String id) {
			run(id);
		}

		@QueueJob(channel = "other")
		public void other(String id) {
			run(id);
		}

		@QueueJob(channel = "api")
		public void api(String id) {
			run(id);
		}

		@QueueJob(channel = "api.slow")
		public void slow(String id) {
			run(id);
		}

		private void run(String id) {
			runs.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		FlowJobs flowJobs() {
			return new FlowJobs();
		}

	}

}
