package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

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
 * A stopping node stops claiming, hands back at once the jobs it claimed ahead that did
 * not start, lets its running jobs finish within the shutdown grace, and hands the rest
 * back to pending, so that another node runs them; none is lost.
 */
class GracefulShutdownTests {

	private static final CountDownLatch firstRunStarted = new CountDownLatch(1);

	private static final AtomicInteger runs = new AtomicInteger();

	private static final CountDownLatch blockerStarted = new CountDownLatch(1);

	private static final Set<String> quickRuns = ConcurrentHashMap.newKeySet();

	private final TestDatabase database = TestDatabase.fresh();

	@Test
	void jobStillRunningAfterTheGraceIsHandedBackAndRunsOnAnotherNode() throws InterruptedException {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext stopping = startNode()) {
			stopping.getBean(SlowJobs.class).hang("handed back");
			assertThat(firstRunStarted.await(30, TimeUnit.SECONDS)).isTrue();
		}
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM queue_job WHERE args ->> 0 = 'handed back'");
		assertThat(row).containsEntry("state", "pending").containsEntry("retry", 0).containsEntry("worker", null);
		assertThat((String) row.get("result")).startsWith("Handed back");
		try (ConfigurableApplicationContext other = startNode()) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "done".equals(jdbc
					.queryForObject("SELECT state FROM queue_job WHERE args ->> 0 = 'handed back'", String.class)));
		}
		assertThat(jdbc.queryForObject("SELECT retry FROM queue_job WHERE args ->> 0 = 'handed back'", Integer.class))
			.isEqualTo(1);
		assertThat(runs.get()).isEqualTo(2);
	}

	@Test
	void jobsClaimedAheadAreHandedBackWithoutRunningWhenTheNodeStops() throws InterruptedException {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext stopping = startNode("queue-job.worker.threads=1",
				"queue-job.runner.max-window=10", "queue-job.worker.claim-ahead=3")) {
			SlowJobs jobs = stopping.getBean(SlowJobs.class);
			// short jobs first: from then on the node claims ahead
			for (int i = 0; i < 20; i++) {
				jobs.quick("warm-up-" + i);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> quickRuns.size() == 20);
			jobs.block("blocker");
			assertThat(blockerStarted.await(30, TimeUnit.SECONDS)).isTrue();
			jobs.quick("a");
			jobs.quick("b");
			jobs.quick("c");
			// the one thread is busy: the three wait for it, claimed
			await().atMost(Duration.ofSeconds(30))
				.until(() -> jdbc.queryForObject(
						"SELECT count(*) FROM queue_job WHERE state = 'started' AND args ->> 0 IN ('a', 'b', 'c')",
						Integer.class) == 3);
		}
		assertThat(jdbc.queryForList("SELECT args ->> 0 FROM queue_job WHERE state = 'pending' AND retry = 0"
				+ " AND worker IS NULL AND result LIKE 'Handed back%' ORDER BY 1", String.class))
			.containsExactly("a", "b", "blocker", "c");
		assertThat(quickRuns).hasSize(20).doesNotContain("a", "b", "c");
	}

	private ConfigurableApplicationContext startNode(String... extra) {
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.addAll(List.of("queue-job.worker.shutdown-grace=1s", "queue-job.poll-interval=1s"));
		properties.addAll(List.of(extra));
		return new SpringApplicationBuilder(Node.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * A job whose first run hangs until its thread is interrupted.
	 */
	public static class SlowJobs {

		@QueueJob
		public void quick(String id) {
			quickRuns.add(id);
		}

		@QueueJob
		public void block(String id) throws InterruptedException {
			blockerStarted.countDown();
			new CountDownLatch(1).await();
		}

		@QueueJob
		public void hang(String id) throws InterruptedException {
			if (runs.incrementAndGet() == 1) {
				firstRunStarted.countDown();
				new CountDownLatch(1).await();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		SlowJobs slowJobs() {
			return new SlowJobs();
		}

	}

}
