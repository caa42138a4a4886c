package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The autovacuum runs on the runner's node only: two nodes on one database, the elected
 * one deletes the old finished jobs and moves the others into the history, the other
 * deletes and moves none. Nodes that may not be the runner, or whose autovacuum is off,
 * have none.
 */
class JobVacuumElectionTests {

	private final TestDatabase database = TestDatabase.fresh();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void onlyTheElectedNodeDeletesFinishedJobs() {
		this.nodes.add(startNode("queue-job.vacuum.interval=1s"));
		this.nodes.add(startNode("queue-job.vacuum.interval=1s"));
		await().atMost(Duration.ofSeconds(30)).until(() -> leaders().size() == 1);
		for (int i = 0; i < 25; i++) {
			this.jdbc.update("""
					INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, date_done)
					VALUES (gen_random_uuid(), 'done', 'root', 10, 5, 'testJobs.run', '[]', now() - interval '40 days')
					""");
		}
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, date_done)
				VALUES (gen_random_uuid(), 'failed', 'root', 10, 5, 'testJobs.run', '[]', now() - interval '40 days')
				""");

		await().atMost(Duration.ofSeconds(30)).until(() -> new JobRows(this.jdbc).count() == 1);

		ConfigurableApplicationContext leader = leaders().get(0);
		assertThat(leader.getBean(JobVacuum.class).deletedJobs()).isEqualTo(25);
		this.nodes.stream()
			.filter((node) -> node != leader)
			.forEach((node) -> assertThat(node.getBean(JobVacuum.class).deletedJobs()).isZero());
	}

	@Test
	void onlyTheElectedNodeMovesFinishedJobsIntoTheHistoryWhereTheOperationsFindThem() {
		this.nodes.add(startNode("queue-job.history.move-after=0s", "queue-job.history.move-interval=1s"));
		this.nodes.add(startNode("queue-job.history.move-after=0s", "queue-job.history.move-interval=1s"));
		await().atMost(Duration.ofSeconds(30)).until(() -> leaders().size() == 1);
		for (int i = 0; i < 10; i++) {
			this.jdbc.update("""
					INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, date_done)
					VALUES (gen_random_uuid(), 'done', 'root', 10, 5, 'testJobs.run', '[]', now() - interval '1 minute')
					""");
		}
		UUID uuid = this.jdbc.queryForObject("SELECT uuid FROM queue_job LIMIT 1", UUID.class);

		// once the per-minute rollup has counted them
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM queue_job_history", Integer.class) == 10);

		assertThat(new JobRows(this.jdbc).count()).isZero();
		ConfigurableApplicationContext leader = leaders().get(0);
		assertThat(leader.getBean(JobVacuum.class).movedJobs()).isEqualTo(10);
		this.nodes.stream()
			.filter((node) -> node != leader)
			.forEach((node) -> assertThat(node.getBean(JobVacuum.class).movedJobs()).isZero());
		assertThat(leader.getBean(JobOperations.class).detail(uuid).summary().state()).isEqualTo(JobState.DONE);
	}

	@Test
	void nodesThatCannotBeTheRunnerOrHaveTheVacuumOffHaveNone() {
		this.nodes.add(startNode("queue-job.runner.enabled=false"));
		this.nodes.add(startNode("queue-job.vacuum.enabled=false"));
		this.nodes.forEach((node) -> assertThat(node.getBeanNamesForType(JobVacuum.class)).isEmpty());
	}

	private List<ConfigurableApplicationContext> leaders() {
		return this.nodes.stream().filter((node) -> node.getBean(RunnerElection.class).isLeader()).toList();
	}

	private ConfigurableApplicationContext startNode(String... extra) {
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.add("queue-job.worker.enabled=false");
		properties.addAll(List.of(extra));
		return new SpringApplicationBuilder(AutoConfiguredApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

}
