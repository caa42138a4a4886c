package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * A node in another JVM is the runner and runs transactional jobs that write a row each;
 * it is killed with {@code kill -9} while running them. The surviving node becomes the
 * runner, rescues the dead node's started jobs, and every job ends done exactly once: one
 * row per job, none left started. The time from the kill to the last job done is printed.
 */
class CrashRecoveryTests {

	private static final int JOBS = 150;

	private final TestDatabase database = TestDatabase.fresh();

	private NodeProcess crashNode;

	private ConfigurableApplicationContext survivor;

	@AfterEach
	void stop() {
		if (this.crashNode != null) {
			this.crashNode.close();
		}
		if (this.survivor != null) {
			this.survivor.close();
		}
	}

	@Test
	void killedRunnerNodeIsReplacedAndItsJobsEndDoneExactlyOnce() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		jdbc.execute("CREATE TABLE crash_effect (job int NOT NULL)");
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.addAll(List.of("queue-job.runner.dead-node-grace=1s", "queue-job.poll-interval=1s",
				"queue-job.worker.threads=4", "spring.main.banner-mode=off", "spring.flyway.enabled=false"));
		this.crashNode = NodeProcess.start(properties);
		this.crashNode.awaitLine("RUNNER", Duration.ofSeconds(60));
		this.survivor = new SpringApplicationBuilder(CrashNode.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		RunnerElection survivorElection = this.survivor.getBean(RunnerElection.class);
		assertThat(survivorElection.isLeader()).isFalse();

		CrashNode.EffectJobs jobs = this.survivor.getBean(CrashNode.EffectJobs.class);
		for (int i = 0; i < JOBS; i++) {
			jobs.write(i);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> new JobRows(jdbc).countDone() >= 20);
		long killedAt = System.nanoTime();
		int startedByVictim = jdbc.queryForObject(
				"SELECT count(*) FROM queue_job WHERE state = 'started' AND worker <> ?", Integer.class,
				this.survivor.getBean(NodeLiveness.class).worker());
		assertThat(this.crashNode.kill()).isTrue();

		await().atMost(Duration.ofSeconds(30)).until(survivorElection::isLeader);
		await().atMost(Duration.ofMinutes(2)).until(() -> new JobRows(jdbc).countDone() == JOBS);
		Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
		System.out.printf("crash recovery: %d jobs, %d started on the killed node, all done %d ms after kill -9%n",
				JOBS, startedByVictim, recovery.toMillis());

		assertThat(jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state <> 'done'", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM crash_effect", Integer.class)).isEqualTo(JOBS);
		assertThat(jdbc.queryForObject("SELECT count(DISTINCT job) FROM crash_effect", Integer.class)).isEqualTo(JOBS);
	}

}
