package io.queuejob.spring;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.queuejob.core.graph.Chain;
import io.queuejob.core.graph.GraphElement;
import io.queuejob.core.graph.Group;
import io.queuejob.spring.operations.JobOperations;
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
 * Job graphs of every shape, stored through {@link JobQueue} and run by the real runner
 * and workers.
 */
@QueueJobIntegrationTest(classes = QueueJobGraphTests.App.class,
		properties = { "queue-job.poll-interval=2s", "queue-job.worker.threads=6" })
class QueueJobGraphTests {

	@Autowired
	GraphJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobOperations operations;

	@Test
	void everyShapeRunsInDependencyOrderAndSharesOneGraph() {
		Map<String, Shape> shapes = new LinkedHashMap<>();
		shapes.put("onDone", new Shape((n) -> n.apply(1).onDone(n.apply(2)), "2<-1"));
		shapes.put("onDoneTwo", new Shape((n) -> n.apply(1).onDone(n.apply(2), n.apply(3)), "2<-1", "3<-1"));
		shapes.put("group", new Shape((n) -> Group.of(n.apply(1), n.apply(2), n.apply(3))));
		shapes.put("groupOnDone", new Shape((n) -> Group.of(n.apply(1), n.apply(2)).onDone(n.apply(3)), "3<-1,2"));
		shapes.put("groupOnDoneGroup", new Shape(
				(n) -> Group.of(n.apply(1), n.apply(2)).onDone(Group.of(n.apply(3), n.apply(4))), "3<-1,2", "4<-1,2"));
		shapes.put("groupOnDoneTwo",
				new Shape((n) -> Group.of(n.apply(1), n.apply(2)).onDone(n.apply(3), n.apply(4)), "3<-1,2", "4<-1,2"));
		shapes.put("nestedGroups",
				new Shape(
						(n) -> Group.of(n.apply(1))
							.onDone(Group.of(n.apply(2)).onDone(Group.of(n.apply(3)).onDone(Group.of(n.apply(4))))),
						"2<-1", "3<-2", "4<-3"));
		shapes.put("diamond", new Shape((n) -> n.apply(1).onDone(Group.of(n.apply(2), n.apply(3)).onDone(n.apply(4))),
				"2<-1", "3<-1", "4<-2,3"));
		shapes.put("chain", new Shape((n) -> Chain.of(n.apply(1), n.apply(2), n.apply(3)), "2<-1", "3<-2"));
		shapes.put("onDoneChain", new Shape((n) -> n.apply(1).onDone(Chain.of(n.apply(2), n.apply(3), n.apply(4))),
				"2<-1", "3<-2", "4<-3"));
		shapes.put("chainOnDoneChain",
				new Shape(
						(n) -> Chain.of(n.apply(1), n.apply(2), n.apply(3))
							.onDone(Chain.of(n.apply(4), n.apply(5), n.apply(6))),
						"2<-1", "3<-2", "4<-3", "5<-4", "6<-5"));
		shapes.put("groupOfChains",
				new Shape(
						(n) -> Group.of(Chain.of(n.apply(1), n.apply(2)), Chain.of(n.apply(3), n.apply(4)))
							.onDone(Chain.of(n.apply(5), n.apply(6)), Chain.of(n.apply(7), n.apply(8))),
						"2<-1", "4<-3", "5<-2,4", "7<-2,4", "6<-5", "8<-7"));
		Map<String, Map<String, Set<String>>> expected = new HashMap<>();
		shapes.forEach((name, shape) -> {
			Map<Integer, Delayable> nodes = new HashMap<>();
			GraphElement top = shape.build()
				.apply((i) -> nodes.computeIfAbsent(i,
						(k) -> this.jobQueue.delayable(this.jobs, (j) -> j.run(name + "." + k))));
			this.jobQueue.delay(top);
			expected.put(name, shape.parents(name, nodes.keySet()));
		});
		int total = expected.values().stream().mapToInt(Map::size).sum();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jobs.order()
				.stream()
				.filter((ran) -> expected.containsKey(ran.substring(0, ran.indexOf('.'))))
				.count() == total);
		List<String> order = List.copyOf(this.jobs.order());
		expected.forEach((name, parents) -> {
			parents.forEach((node, ofNode) -> ofNode
				.forEach((parent) -> assertThat(order.indexOf(parent)).as(node + " after " + parent)
					.isLessThan(order.indexOf(node))));
			assertThat(storedParents(name)).as(name).isEqualTo(parents);
			assertThat(this.jdbc.queryForList(
					"SELECT DISTINCT graph_uuid FROM queue_job WHERE args ->> 0 LIKE ? || '.%' AND state = 'done'",
					UUID.class, name))
				.as(name)
				.hasSize(1)
				.doesNotContainNull();
		});
	}

	@Test
	void childWaitsUntilItsParentIsSetDoneByAUser() {
		Delayable parent = this.jobQueue.delayable(this.jobs, (j) -> j.run("user.parent")).eta(Duration.ofHours(1));
		Delayable child = this.jobQueue.delayable(this.jobs, (j) -> j.run("user.child"));
		JobRef parentRef = parent.onDone(child).delay();
		assertThat(state("user.child")).isEqualTo("wait_dependencies");
		assertThat(state("user.parent")).isEqualTo("pending");
		assertThat(this.operations.setDone(List.of(parentRef.uuid())).changed()).containsExactly(parentRef.uuid());
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state("user.child")));
		assertThat(this.jobs.order()).contains("user.child").doesNotContain("user.parent");
	}

	@Test
	void failedParentHoldsItsChildUntilRequeuedAndDone() {
		Delayable parent = this.jobQueue.delayable(this.jobs, (j) -> j.failUntilAllowed("held.parent")).maxRetries(1);
		Delayable child = this.jobQueue.delayable(this.jobs, (j) -> j.run("held.child"));
		JobRef parentRef = parent.onDone(child).delay();
		await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(state("held.parent")));
		assertThat(state("held.child")).isEqualTo("wait_dependencies");
		this.jobs.allow();
		assertThat(this.operations.requeue(List.of(parentRef.uuid())).changed()).containsExactly(parentRef.uuid());
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(state("held.child")));
		List<String> order = List.copyOf(this.jobs.order());
		assertThat(order.indexOf("held.parent")).isLessThan(order.indexOf("held.child"));
	}

	@Test
	void cancelledParentCancelsItsWaitingChild() {
		Delayable parent = this.jobQueue.delayable(this.jobs, (j) -> j.run("cancel.parent")).eta(Duration.ofHours(1));
		Delayable child = this.jobQueue.delayable(this.jobs, (j) -> j.run("cancel.child"));
		JobRef parentRef = parent.onDone(child).delay();
		assertThat(this.operations.cancel(List.of(parentRef.uuid())).changed()).containsExactly(parentRef.uuid());
		assertThat(state("cancel.parent")).isEqualTo("cancelled");
		assertThat(state("cancel.child")).isEqualTo("cancelled");
	}

	private String state(String name) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE args ->> 0 = ?", String.class, name);
	}

	private Map<String, Set<String>> storedParents(String shape) {
		Map<String, Set<String>> parents = new HashMap<>();
		this.jdbc.queryForList("SELECT args ->> 0 FROM queue_job WHERE args ->> 0 LIKE ? || '.%'", String.class, shape)
			.forEach((node) -> parents.put(node, new java.util.HashSet<>()));
		this.jdbc.query("""
				SELECT c.args ->> 0, p.args ->> 0 FROM queue_job_dependency d
				JOIN queue_job p ON p.id = d.parent_id JOIN queue_job c ON c.id = d.child_id
				WHERE c.args ->> 0 LIKE ? || '.%'""",
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> parents.get(rs.getString(1))
					.add(rs.getString(2)),
				shape);
		return parents;
	}

	/**
	 * A graph shape and its expected parents, as "child&lt;-parent,parent".
	 */
	record Shape(Function<Function<Integer, Delayable>, GraphElement> build, String... edges) {

		Map<String, Set<String>> parents(String name, Set<Integer> nodes) {
			Map<String, Set<String>> parents = new HashMap<>();
			nodes.forEach((i) -> parents.put(name + "." + i, new java.util.HashSet<>()));
			for (String edge : this.edges) {
				String[] sides = edge.split("<-");
				for (String parent : sides[1].split(",")) {
					parents.get(name + "." + sides[0]).add(name + "." + parent);
				}
			}
			return parents;
		}

	}

	/**
	 * Records the order in which its jobs run.
	 */
	public static class GraphJobs {

		private final Queue<String> order = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean allowed = new AtomicBoolean();

		@QueueJob
		public void run(String name) {
			this.order.add(name);
		}

		@QueueJob
		public void failUntilAllowed(String name) {
			if (!this.allowed.get()) {
				throw new IllegalStateException("not yet");
			}
			this.order.add(name);
		}

		public void allow() {
			this.allowed.set(true);
		}

		public Queue<String> order() {
			return this.order;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		GraphJobs graphJobs() {
			return new GraphJobs();
		}

	}

}
