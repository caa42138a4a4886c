package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.core.RetryableJobException;
import io.queuejob.core.graph.Chain;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.PgBouncer;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Nodes whose data source goes through PgBouncer in transaction mode, their listeners
 * straight to PostgreSQL: jobs run, retry, wait for their parents, share a channel's
 * capacity across nodes, are rescued from a dead node and are cancelled while running. A
 * listener that would go through the pooler stops the start-up.
 */
class ConnectionPoolerTests {

	private static final Queue<String> calls = new ConcurrentLinkedQueue<>();

	private static final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

	private static final Set<String> nodesThatRan = ConcurrentHashMap.newKeySet();

	private static final AtomicInteger runningInA = new AtomicInteger();

	private static final AtomicInteger maxInA = new AtomicInteger();

	private final TestDatabase database = TestDatabase.fresh();

	private final PgBouncer pgBouncer = PgBouncer.start(this.database);

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());

	@AfterEach
	void stop() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		this.pgBouncer.close();
	}

	@Test
	void jobsRunRetryAndWaitForTheirParentsThroughThePooler() {
		ConfigurableApplicationContext node = startNode("single");
		await().atMost(Duration.ofSeconds(30)).until(node.getBean(PostgresJobListener.class)::isConnected);
		PoolerJobs jobs = node.getBean(PoolerJobs.class);
		JobQueue jobQueue = node.getBean(JobQueue.class);
		jobs.record("plain");
		jobs.failOnce("retried");
		jobQueue.delay(Chain.of(jobQueue.delayable(jobs, (j) -> j.record("chain-1")),
				jobQueue.delayable(jobs, (j) -> j.record("chain-2")),
				jobQueue.delayable(jobs, (j) -> j.record("chain-3"))));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "done".equals(state("plain")) && "done".equals(state("retried"))
					&& "done".equals(state("chain-3")));
		assertThat(tries.get("retried").get()).isEqualTo(2);
		assertThat(calls).containsSubsequence("chain-1", "chain-2", "chain-3");
	}

	@Test
	void twoWorkerNodesShareAChannelCapacityThroughThePooler() throws InterruptedException {
		// the runner's node would wake its own workers first, in memory: the runner has a
		// node of its own, so that both worker nodes hear of each job the same way
		startNode("runner-node", "queue-job.worker.enabled=false");
		startNode("node-b", "queue-job.runner.enabled=false");
		startNode("node-c", "queue-job.runner.enabled=false");
		// every node hears the notifications before the first job is stored
		this.nodes.forEach((node) -> await().atMost(Duration.ofSeconds(30))
			.until(node.getBean(PostgresJobListener.class)::isConnected));
		PoolerJobs jobs = this.nodes.get(0).getBean(PoolerJobs.class);
		for (int i = 0; i < 40; i++) {
			jobs.inA("shared-" + i);
		}
		await().atMost(Duration.ofSeconds(120))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE args ->> 0 LIKE 'shared-%' AND state = 'done'",
					Integer.class) == 40);
		assertThat(maxInA.get()).isEqualTo(1);
		assertThat(nodesThatRan).containsExactlyInAnyOrder("node-b", "node-c");
	}

	@Test
	void aDeadNodesJobIsRescuedThroughThePooler() {
		startNode("rescuer", "queue-job.runner.dead-node-grace=1s");
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, retry, max_retries, job_function, args,
				                       date_enqueued, date_started, worker)
				VALUES (gen_random_uuid(), 'started', 'root', 10, 1, 5, 'poolerJobs.record', to_jsonb(ARRAY['orphan']),
				        now(), now(), 'ghost-node')
				""");
		await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(state("orphan")));
		assertThat(calls).contains("orphan");
	}

	@Test
	void aRunningJobIsCancelledThroughThePooler() {
		ConfigurableApplicationContext node = startNode("canceller");
		node.getBean(PoolerJobs.class).sleep("sleeper");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(300)%'",
					Integer.class) == 1);
		UUID uuid = this.jdbc.queryForObject("SELECT uuid FROM queue_job WHERE args ->> 0 = 'sleeper'", UUID.class);
		node.getBean(JobOperations.class).cancel(uuid);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(300)%'",
					Integer.class) == 0);
		assertThat(state("sleeper")).isEqualTo("cancelled");
	}

	@Test
	void aListenerThroughThePoolerStopsTheStartUp() {
		List<String> properties = new ArrayList<>(this.pgBouncer.properties());
		properties.removeIf((property) -> property.startsWith("queue-job.listener.url="));
		assertThatException().isThrownBy(() -> start(properties))
			.withStackTraceContaining("goes through a connection pooler")
			.withStackTraceContaining("queue-job.listener.url");
	}

	private String state(String argument) {
		List<String> states = this.jdbc.queryForList("SELECT state FROM queue_job WHERE args ->> 0 = ?", String.class,
				argument);
		return states.isEmpty() ? null : states.get(0);
	}

	private ConfigurableApplicationContext startNode(String name, String... extra) {
		List<String> properties = new ArrayList<>(this.pgBouncer.properties());
		properties.addAll(List.of("queue-job.channels=root:4, a:1", "queue-job.worker.threads=2",
				"queue-job.poll-interval=1s", "spring.application.name=" + name));
		properties.addAll(List.of(extra));
		ConfigurableApplicationContext node = start(properties);
		this.nodes.add(node);
		return node;
	}

	private static ConfigurableApplicationContext start(List<String> properties) {
		return new SpringApplicationBuilder(Node.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * Jobs that record their calls, fail once, run one at a time in channel {@code a}, or
	 * sleep in the database.
	 */
	public static class PoolerJobs {

		private final String node;

		private final JdbcTemplate jdbc;

		public PoolerJobs(String node, JdbcTemplate jdbc) {
			this.node = node;
			this.jdbc = jdbc;
		}

		@QueueJob
		public void record(String text) {
			calls.add(text);
		}

		@QueueJob
		public void failOnce(String text) {
			if (tries.computeIfAbsent(text, (key) -> new AtomicInteger()).incrementAndGet() == 1) {
				throw new RetryableJobException("once", Duration.ofMillis(100));
			}
		}

		@QueueJob(channel = "a")
		public void inA(String text) throws InterruptedException {
			maxInA.accumulateAndGet(runningInA.incrementAndGet(), Math::max);
			try {
				Thread.sleep(20);
			}
			finally {
				runningInA.decrementAndGet();
			}
			nodesThatRan.add(this.node);
		}

		@QueueJob
		public void sleep(String text) {
			this.jdbc.execute("SELECT pg_sleep(300)");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		PoolerJobs poolerJobs(org.springframework.core.env.Environment environment, JdbcTemplate jdbc) {
			return new PoolerJobs(environment.getProperty("spring.application.name"), jdbc);
		}

	}

}
