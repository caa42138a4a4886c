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
 * The runner's node, in another JVM, is frozen with {@code kill -STOP} while it runs a
 * transactional job, under a channel limit (so that only a runner enqueues jobs). The
 * server ends its silent listener session, another node becomes the runner, rescues the
 * frozen node's job and runs every job. Resumed with {@code kill -CONT}, the frozen node
 * finds at once that it is no longer the runner, its late outcome of the rescued job is
 * refused (its work rolls back), and each job's work is committed exactly once.
 */
class FrozenRunnerTests {

	private final TestDatabase database = TestDatabase.fresh();

	private NodeProcess frozen;

	private ConfigurableApplicationContext survivor;

	@AfterEach
	void stop() throws Exception {
		if (this.frozen != null) {
			this.frozen.signal("CONT");
			this.frozen.close();
		}
		if (this.survivor != null) {
			this.survivor.close();
		}
	}

	@Test
	void frozenRunnerIsReplacedAndOnceResumedChangesNothing() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		jdbc.execute("CREATE TABLE crash_effect (job int NOT NULL)");
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.addAll(List.of("queue-job.channels=root:2", "queue-job.runner.dead-node-grace=4s",
				"queue-job.poll-interval=1s", "queue-job.worker.threads=2", "spring.main.banner-mode=off",
				"spring.flyway.enabled=false"));
		this.frozen = NodeProcess.start(properties);
		this.frozen.awaitLine("RUNNER", Duration.ofSeconds(60));
		jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 5, 'effectJobs.writeSlowly', '[0]')
				""");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state = 'started'",
					Integer.class) == 1);
		this.frozen.signal("STOP");

		this.survivor = new SpringApplicationBuilder(CrashNode.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		String survivorWorker = this.survivor.getBean(NodeLiveness.class).worker();
		CrashNode.EffectJobs jobs = this.survivor.getBean(CrashNode.EffectJobs.class);
		for (int i = 1; i <= 5; i++) {
			jobs.write(i);
		}
		await().atMost(Duration.ofSeconds(60)).until(this.survivor.getBean(RunnerElection.class)::isLeader);
		await().atMost(Duration.ofMinutes(2)).until(() -> doneJobs(jdbc) == 6);
		assertThat(jdbc.queryForObject("SELECT worker FROM queue_job WHERE args = '[0]'", String.class))
			.as("the frozen node's job, rescued")
			.isEqualTo(survivorWorker);

		this.frozen.signal("CONT");
		this.frozen.awaitLine("NO LONGER RUNNER", Duration.ofSeconds(30));
		this.frozen.awaitLine("is no longer started by this worker", Duration.ofSeconds(30));
		assertThat(this.survivor.getBean(RunnerElection.class).isLeader()).isTrue();
		for (int i = 6; i <= 10; i++) {
			jobs.write(i);
		}
		await().atMost(Duration.ofMinutes(2)).until(() -> doneJobs(jdbc) == 11);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state <> 'done'", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM crash_effect", Integer.class)).isEqualTo(11);
		assertThat(jdbc.queryForObject("SELECT count(DISTINCT job) FROM crash_effect", Integer.class)).isEqualTo(11);
	}

	private static int doneJobs(JdbcTemplate jdbc) {
		return new JobRows(jdbc).countDone();
	}

}
