package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.queuejob.spring.schedule.JobSchedules;
import io.queuejob.spring.schedule.ScheduleDefinition;
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
 * Three nodes share a schedule every 500 ms: one in another JVM holds the runner role and
 * materialises its occurrences until it is killed with {@code kill -9}; another node
 * takes over. Every occurrence from the first to the last became exactly one job: none
 * twice, none lost across the failover.
 */
class ScheduleFailoverTests {

	private static final Duration RATE = Duration.ofMillis(500);

	private final TestDatabase database = TestDatabase.fresh();

	private final List<ConfigurableApplicationContext> survivors = new ArrayList<>();

	private NodeProcess runnerNode;

	@AfterEach
	void stop() {
		if (this.runnerNode != null) {
			this.runnerNode.close();
		}
		this.survivors.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void everyOccurrenceBecomesOneJobAcrossAKilledRunner() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		jdbc.execute("CREATE TABLE crash_effect (job int NOT NULL)");
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.addAll(List.of("queue-job.runner.dead-node-grace=1s", "queue-job.poll-interval=1s",
				"spring.main.banner-mode=off", "spring.flyway.enabled=false"));
		this.runnerNode = NodeProcess.start(properties);
		this.runnerNode.awaitLine("RUNNER", Duration.ofSeconds(60));
		for (int i = 0; i < 2; i++) {
			this.survivors.add(new SpringApplicationBuilder(CrashNode.class).web(WebApplicationType.NONE)
				.properties(properties.toArray(String[]::new))
				.run());
		}
		JobSchedules schedules = this.survivors.get(0).getBean(JobSchedules.class);
		schedules.create(ScheduleDefinition.fixedRate("tick", "effectJobs.write", RATE).withArguments("[1]"));

		await().atMost(Duration.ofSeconds(60)).until(() -> occurrences(jdbc).size() >= 6);
		assertThat(this.survivors.stream().noneMatch((node) -> node.getBean(RunnerElection.class).isLeader())).isTrue();
		assertThat(this.runnerNode.kill()).isTrue();
		int atKill = occurrences(jdbc).size();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.survivors.stream().anyMatch((node) -> node.getBean(RunnerElection.class).isLeader()));
		await().atMost(Duration.ofSeconds(60)).until(() -> occurrences(jdbc).size() >= atKill + 6);
		schedules.pause("tick");

		List<Instant> occurrences = occurrences(jdbc);
		assertThat(occurrences).doesNotHaveDuplicates();
		for (int i = 1; i < occurrences.size(); i++) {
			assertThat(Duration.between(occurrences.get(i - 1), occurrences.get(i))).as("after occurrence %d", i)
				.isEqualTo(RATE);
		}
		assertThat(jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE schedule = 'tick'", Integer.class))
			.isEqualTo(occurrences.size());
	}

	private static List<Instant> occurrences(JdbcTemplate jdbc) {
		return jdbc
			.queryForList("SELECT scheduled_at FROM queue_job WHERE schedule = 'tick' ORDER BY scheduled_at",
					Timestamp.class)
			.stream()
			.map(Timestamp::toInstant)
			.toList();
	}

}
