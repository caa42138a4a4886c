package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.TcpProxy;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose listener connection is cut on the server's side only (a TCP proxy drops it
 * and keeps the node's socket open and silent) stops claiming and starting jobs within
 * its fencing timeout and gives up the runner role; the other node takes over and rescues
 * nothing that still runs, so no job runs twice, transactional or not. Once the proxy
 * forwards again, the node reconnects and works again.
 */
class FencingTests {

	private static final int JOBS = 40;

	private static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private static final Queue<String> startedWhileFenced = new ConcurrentLinkedQueue<>();

	private final TestDatabase database = TestDatabase.fresh();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private TcpProxy proxy;

	@AfterEach
	void stop() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		if (this.proxy != null) {
			this.proxy.close();
		}
		runs.clear();
		startedWhileFenced.clear();
	}

	@ParameterizedTest(name = "transactional = {0}")
	@ValueSource(booleans = { true, false })
	void nodeCutOffOnTheServerSideStopsAndNoJobRunsTwice(boolean transactional) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		jdbc.execute("CREATE TABLE fencing_effect (job text NOT NULL)");
		this.proxy = TcpProxy.to(this.database.url());
		ConfigurableApplicationContext cut = startNode("cut", CutListenerNode.class,
				"fencing.listener-url=" + this.proxy.url(this.database.url()));
		await().atMost(Duration.ofSeconds(30)).until(() -> cut.getBean(RunnerElection.class).isLeader());
		ConfigurableApplicationContext other = startNode("other", Node.class);
		String cutWorker = cut.getBean(NodeLiveness.class).worker();

		enqueue(other, "early", JOBS, transactional);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE worker = ? AND state = 'done'",
					Integer.class, cutWorker) >= 3);
		this.proxy.cutServerSide();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> !cut.getBean(NodeLiveness.class).isHeld() && !cut.getBean(RunnerElection.class).isLeader());
		enqueue(other, "late", JOBS, transactional);
		await().atMost(Duration.ofSeconds(30)).until(() -> other.getBean(RunnerElection.class).isLeader());
		await().atMost(Duration.ofMinutes(2)).until(() -> new JobRows(jdbc).countDone() == 2 * JOBS);

		assertThat(runs).hasSize(2 * JOBS).allSatisfy((id, count) -> assertThat(count.get()).as(id).isOne());
		assertThat(startedWhileFenced).isEmpty();
		assertThat(
				jdbc.queryForList("SELECT uuid FROM queue_job WHERE args ->> 0 LIKE 'late%' AND worker = ?", cutWorker))
			.as("jobs stored after the node was fenced that it started")
			.isEmpty();
		if (transactional) {
			assertThat(jdbc.queryForObject("SELECT count(*) FROM fencing_effect", Integer.class)).isEqualTo(2 * JOBS);
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT job) FROM fencing_effect", Integer.class))
				.isEqualTo(2 * JOBS);
		}

		this.proxy.restore();
		await().atMost(Duration.ofSeconds(60)).until(() -> cut.getBean(NodeLiveness.class).isHeld());
		enqueue(other, "after", JOBS, transactional);
		await().atMost(Duration.ofMinutes(2)).until(() -> new JobRows(jdbc).countDone() == 3 * JOBS);
		assertThat(runs).hasSize(3 * JOBS).allSatisfy((id, count) -> assertThat(count.get()).as(id).isOne());
	}

	private static void enqueue(ConfigurableApplicationContext node, String prefix, int count, boolean transactional)
			throws InterruptedException {
		FencingJobs jobs = node.getBean(FencingJobs.class);
		for (int i = 0; i < count; i++) {
			String id = prefix + "-" + i;
			if (transactional) {
				jobs.inTransaction(id);
			}
			else {
				jobs.outsideTransaction(id);
			}
		}
	}

	private ConfigurableApplicationContext startNode(String name, Class<?> configuration, String... extra) {
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.addAll(List.of("queue-job.runner.dead-node-grace=4s", "queue-job.poll-interval=1s",
				"queue-job.worker.threads=4", "spring.application.name=" + name, "spring.main.banner-mode=off",
				"spring.flyway.enabled=false"));
		properties.addAll(List.of(extra));
		ConfigurableApplicationContext node = new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.nodes.add(node);
		return node;
	}

	/**
	 * Jobs that count their runs across the nodes of this JVM, and note a start on a node
	 * that does not hold its liveness lock.
	 */
	public static class FencingJobs {

		private final JdbcTemplate jdbc;

		private final ObjectProvider<NodeLiveness> liveness;

		public FencingJobs(JdbcTemplate jdbc, ObjectProvider<NodeLiveness> liveness) {
			this.jdbc = jdbc;
			this.liveness = liveness;
		}

		@QueueJob
		public void inTransaction(String id) throws InterruptedException {
			this.jdbc.update("INSERT INTO fencing_effect (job) VALUES (?)", id);
			run(id);
		}

		@QueueJob(transactional = false)
		public void outsideTransaction(String id) throws InterruptedException {
			run(id);
		}

		private void run(String id) throws InterruptedException {
			if (!this.liveness.getObject().isHeld()) {
				startedWhileFenced.add(id);
			}
			Thread.sleep(100);
			runs.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		FencingJobs fencingJobs(JdbcTemplate jdbc, ObjectProvider<NodeLiveness> liveness) {
			return new FencingJobs(jdbc, liveness);
		}

	}

	/**
	 * A node whose pool connects to the database directly and whose listener connects
	 * through the proxy.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(Node.class)
	static class CutListenerNode {

		@Bean
		HikariDataSource dataSource(Environment environment) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(environment.getRequiredProperty("spring.datasource.url"));
			dataSource.setUsername(environment.getProperty("spring.datasource.username"));
			dataSource.setPassword(environment.getProperty("spring.datasource.password"));
			dataSource.setMaximumPoolSize(5);
			return dataSource;
		}

		@Bean
		JdbcConnectionDetails listenerConnectionDetails(Environment environment) {
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return environment.getProperty("spring.datasource.username");
				}

				@Override
				public String getPassword() {
					return environment.getProperty("spring.datasource.password");
				}

				@Override
				public String getJdbcUrl() {
					return environment.getRequiredProperty("fencing.listener-url");
				}

			};
		}

	}

}
