package io.queuejob.spring.internal.web;

import java.time.Duration;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.internal.operations.NodeRegistry;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The node registry, the overview of the operations API (nodes, channels, functions) and
 * the Actuator endpoint, on a node that runs the runner and workers.
 */
@SpringBootTest(classes = NodesApiTests.NodeApplication.class,
		properties = { "queue-job.worker.threads=3", "queue-job.poll-interval=200ms",
				"queue-job.channels=root:4, mail:2, export:1:sequential, api:1:throttle=2s",
				"management.endpoints.web.exposure.include=queuejob" })
class NodesApiTests {

	private static final TestDatabase database = TestDatabase.fresh();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobWorkers workers;

	@Autowired
	NodeRegistry registry;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = AdminMockMvc.of(this.context);
	}

	@Test
	void theNodeRecordsItselfAsRunnerWithItsWorkers() throws Exception {
		assertThat(this.registry.name()).isEqualTo(this.workers.worker());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Boolean.TRUE.equals(this.jdbc.queryForObject(
					"SELECT runner FROM queue_job_node WHERE name = ?", Boolean.class, this.registry.name())));
		this.mvc.perform(get("/queue-job/api/nodes"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value(this.registry.name()))
			.andExpect(jsonPath("$[0].runner").value(true))
			.andExpect(jsonPath("$[0].workerThreads").value(3))
			.andExpect(jsonPath("$[0].busyThreads").value(0))
			.andExpect(jsonPath("$[0].startedAt").isString())
			.andExpect(jsonPath("$[0].lastSeen").isString());
	}

	@Test
	void nodesNotSeenForTenMinutesAreNotListedAndAfterADayDeleted() throws Exception {
		this.jdbc.update("""
				INSERT INTO queue_job_node (name, started_at, last_seen, runner, worker_threads, busy_threads)
				VALUES ('quiet', now() - interval '1 hour', now() - interval '11 minutes', false, 2, 0),
				       ('gone', now() - interval '3 days', now() - interval '25 hours', false, 2, 0)
				""");
		this.registry.beat();
		assertThat(this.jdbc.queryForList("SELECT name FROM queue_job_node", String.class))
			.containsExactlyInAnyOrder(this.registry.name(), "quiet");
		this.mvc.perform(get("/queue-job/api/nodes"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].name").value(this.registry.name()));
		this.jdbc.update("DELETE FROM queue_job_node WHERE name = 'quiet'");
	}

	@Test
	void aNodeThatStopsCleanlyRemovesItsRow() {
		ConfigurableApplicationContext other = new SpringApplicationBuilder(NodeApplication.class)
			.web(WebApplicationType.NONE)
			.properties(database.properties())
			.properties("queue-job.runner.enabled=false", "queue-job.worker.threads=2", "queue-job.poll-interval=200ms")
			.run();
		String name = other.getBean(NodeRegistry.class).name();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM queue_job_node WHERE name = ?", Long.class,
					name) == 1);
		assertThat(this.jdbc.queryForMap("SELECT runner, worker_threads FROM queue_job_node WHERE name = ?", name))
			.containsEntry("runner", false)
			.containsEntry("worker_threads", 2);
		other.close();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job_node WHERE name = ?", Long.class, name))
			.isZero();
	}

	@Test
	void channelsListTheConfiguredChannels() throws Exception {
		this.mvc.perform(get("/queue-job/api/channels"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("root"))
			.andExpect(jsonPath("$[0].capacity").value(4))
			.andExpect(jsonPath("$[?(@.name == 'root.mail')].capacity").value(2))
			.andExpect(jsonPath("$[?(@.name == 'root.export')].sequential").value(true))
			.andExpect(jsonPath("$[?(@.name == 'root.api')].throttle").value("PT2S"))
			.andExpect(jsonPath("$[?(@.name == 'root.mail')].throttle").value(hasItem((Object) null)));
	}

	@Test
	void functionsListTheJobFunctions() throws Exception {
		this.mvc.perform(get("/queue-job/api/functions"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0]").value("reports.build"));
	}

	@Test
	void actuatorEndpointShowsChannelsAndNodes() throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM queue_job_node", Long.class) > 0);
		this.mvc.perform(get("/actuator/queuejob"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channels[0].name").value("root"))
			.andExpect(jsonPath("$.channels[?(@.name == 'root.api')].throttle").value("PT2S"))
			.andExpect(jsonPath("$.nodes[0].name").value(this.registry.name()))
			.andExpect(jsonPath("$.nodes[0].workerThreads").value(3));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NodeApplication {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	static class Reports {

		@QueueJob(name = "reports.build")
		public void build(String name) {
		}

	}

}
