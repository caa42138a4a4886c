package io.queuejob.spring.internal.schedule;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.queuejob.spring.JobContext;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.schedule.JobSchedules;
import io.queuejob.spring.schedule.ScheduleDefinition;
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
 * A node with its runner and workers running: the schedule's occurrences are materialised
 * in the background and run, and each job reads the occurrence it stands for from its
 * {@link JobContext}.
 */
@QueueJobIntegrationTest(classes = ScheduledJobRunTests.App.class)
class ScheduledJobRunTests {

	static final Map<UUID, Instant> seen = new ConcurrentHashMap<>();

	static final Map<UUID, String> schedulesSeen = new ConcurrentHashMap<>();

	@Autowired
	JobSchedules schedules;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void jobsRunAndReadTheOccurrenceTheyStandFor() {
		this.schedules.create(ScheduleDefinition.fixedRate("often", "clockJobs.tick", Duration.ofMillis(300)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE schedule = 'often' AND state = 'done'", Integer.class) >= 3);
		this.schedules.pause("often");
		this.jdbc.query("SELECT uuid, scheduled_at FROM queue_job WHERE schedule = 'often' AND state = 'done'",
				(rs) -> {
					UUID uuid = rs.getObject(1, UUID.class);
					assertThat(seen).containsEntry(uuid, rs.getTimestamp(2).toInstant());
					assertThat(schedulesSeen).containsEntry(uuid, "often");
				});
		assertThat(seen).isNotEmpty();
		Timestamp last = this.jdbc.queryForObject("SELECT max(scheduled_at) FROM queue_job WHERE schedule = 'often'",
				Timestamp.class);
		assertThat(this.schedules.find("often").get().lastOccurrence()).isEqualTo(last.toInstant());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ClockJobs clockJobs() {
			return new ClockJobs();
		}

	}

	public static class ClockJobs {

		@QueueJob
		public void tick() {
			JobContext context = JobContext.current();
			seen.put(context.uuid(), context.scheduledFor().orElseThrow());
			schedulesSeen.put(context.uuid(), context.schedule().orElseThrow());
		}

	}

}
