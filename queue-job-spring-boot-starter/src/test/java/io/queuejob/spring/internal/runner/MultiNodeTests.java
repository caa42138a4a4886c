package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.TestDatabase;
import io.queuejob.spring.testsupport.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes (application contexts) on one database: one runner at a time, elected;
 * channel capacities hold across all nodes; workers of every node share the work; when
 * the runner's node stops, another node takes over.
 */
class MultiNodeTests {

	private static final AtomicInteger runningInA = new AtomicInteger();

	private static final AtomicInteger runningInRoot = new AtomicInteger();

	private static final AtomicInteger maxInA = new AtomicInteger();

	private static final AtomicInteger maxInRoot = new AtomicInteger();

	private static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private static final Map<String, AtomicInteger> runsPerNode = new ConcurrentHashMap<>();

	private final TestDatabase database = TestDatabase.fresh();

	@RegisterExtension
	final TestNodes nodes = new TestNodes(this.database, Node.class, "queue-job.channels=root:4, a:2",
			"queue-job.worker.threads=3", "queue-job.poll-interval=2s");

	@Test
	void pollOnlyNodesWithoutListenerShareTheWorkUnderTheCapacities() {
		for (int i = 0; i < 2; i++) {
			this.nodes.start("spring.application.name=poll-" + i, "queue-job.listener.enabled=false",
					"queue-job.poll-interval=200ms");
		}
		assertThat(this.nodes.get(0).getBeanNamesForType(PostgresJobListener.class)).isEmpty();
		enqueue(this.nodes.get(0), "polled", 200);
		await().atMost(Duration.ofMinutes(2)).until(() -> ranOnce("polled", 200));
		assertThat(maxInA.get()).isBetween(1, 2);
		assertThat(maxInRoot.get()).isBetween(1, 4);
	}

	@Test
	void oneRunnerCapacitiesHoldAcrossNodesAndEveryJobRunsOnce() {
		for (int i = 0; i < 3; i++) {
			this.nodes.start("spring.application.name=node-" + i);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.nodes.leaders() == 1);
		enqueue(this.nodes.get(0), "first", 1000);
		enqueue(this.nodes.get(1), "first", 1000);
		await().atMost(Duration.ofMinutes(3)).until(() -> ranOnce("first", 2000));
		assertThat(maxInA.get()).isBetween(1, 2);
		assertThat(maxInRoot.get()).isBetween(1, 4);
		assertThat(runsPerNode.keySet()).as("every node's workers took jobs").hasSize(3);

		this.nodes.stopLeader();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.nodes.leaders() == 1);
		enqueue(this.nodes.get(0), "second", 200);
		await().atMost(Duration.ofMinutes(2)).until(() -> ranOnce("second", 200));
		assertThat(maxInA.get()).isBetween(1, 2);
		assertThat(maxInRoot.get()).isBetween(1, 4);
	}

	private static boolean ranOnce(String prefix, int count) {
		List<AtomicInteger> counts = runs.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.map(Map.Entry::getValue)
			.toList();
		assertThat(counts).allSatisfy((runsOfJob) -> assertThat(runsOfJob.get()).isEqualTo(1));
		return counts.size() == count;
	}

	private static void enqueue(ConfigurableApplicationContext node, String prefix, int count) {
		ClusterJobs jobs = node.getBean(ClusterJobs.class);
		JobQueue jobQueue = node.getBean(JobQueue.class);
		for (int i = 0; i < count; i++) {
			String id = prefix + "-" + node.getId() + "-" + i;
			if (i % 2 == 0) {
				jobs.inA(id);
			}
			else {
				jobQueue.delayable(jobs, (j) -> j.inRoot(id)).delay();
			}
		}
	}

	/**
	 * Jobs that record how many of them run at once, across all nodes of this JVM.
	 */
	public static class ClusterJobs {

		private final String node;

		public ClusterJobs(String node) {
			this.node = node;
		}

		@QueueJob(channel = "a")
		public void inA(String id) {
			run(id, runningInA, maxInA);
		}

		@QueueJob
		public void inRoot(String id) {
			run(id, null, null);
		}

		private void run(String id, AtomicInteger channel, AtomicInteger channelMax) {
			maxInRoot.accumulateAndGet(runningInRoot.incrementAndGet(), Math::max);
			if (channel != null) {
				channelMax.accumulateAndGet(channel.incrementAndGet(), Math::max);
			}
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				if (channel != null) {
					channel.decrementAndGet();
				}
				runningInRoot.decrementAndGet();
			}
			runs.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
			runsPerNode.computeIfAbsent(this.node, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		ClusterJobs clusterJobs(org.springframework.core.env.Environment environment) {
			return new ClusterJobs(environment.getProperty("spring.application.name"));
		}

	}

}
