package io.queuejob.spring.internal.schedule;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.QueueJobSchedule;
import io.queuejob.spring.schedule.JobSchedules;
import io.queuejob.spring.schedule.MissedOccurrences;
import io.queuejob.spring.schedule.Overlap;
import io.queuejob.spring.schedule.Schedule;
import io.queuejob.spring.schedule.ScheduleDefinition;
import io.queuejob.spring.schedule.ScheduleNotFoundException;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Schedules on PostgreSQL, materialised by calling the materialiser as the runner's node
 * does: nothing runs in the background and no worker runs the jobs, so a test decides
 * when each pass happens and which jobs still wait. An outage is simulated by moving a
 * schedule's next occurrence back in time, by the database's clock.
 */
@QueueJobIntegrationTest(classes = JobSchedulesTests.App.class,
		properties = { "queue-job.auto-startup=false", "queue-job.worker.enabled=false",
				"queue-job.schedules.[reports.nightly].zone=Europe/Brussels",
				"queue-job.schedules.[reports.nightly].arguments=[\"eu\"]",
				"queue-job.schedules.weekly.function=reports.run", "queue-job.schedules.weekly.cron=@weekly",
				"queue-job.schedules.weekly.missed=last", "queue-job.schedules.weekly.arguments=[\"week\"]" })
class JobSchedulesTests {

	@Autowired
	JobSchedules schedules;

	@Autowired
	ScheduleMaterializer materializer;

	@Autowired
	DeclaredSchedules declared;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void createdScheduleIsListedWithItsFirstOccurrence() {
		Instant before = dbNow();
		Schedule created = this.schedules
			.create(ScheduleDefinition.cron("hourly", "reports.run", "0 0 * * * *").withArguments("[\"all\"]"));
		assertThat(created.source()).isEqualTo("api");
		assertThat(created.active()).isTrue();
		assertThat(created.nextOccurrence()).isAfter(before).isBefore(before.plus(Duration.ofHours(1)).plusSeconds(1));
		assertThat(this.schedules.list()).extracting(Schedule::name).containsExactly("hourly");
		assertThat(this.schedules.find("hourly"))
			.hasValueSatisfying((schedule) -> assertThat(schedule.definition().arguments()).isEqualTo("[\"all\"]"));
	}

	@Test
	void invalidScheduleThrowsNamingItAndStoresNothing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.schedules.create(ScheduleDefinition.cron("bad-cron", "reports.run", "0 0 25 * * *")))
			.withMessageContaining("Schedule 'bad-cron': invalid cron expression");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.schedules
				.create(ScheduleDefinition.cron("bad-zone", "reports.run", "@daily").withZone("Mars/Olympus")))
			.withMessageContaining("Schedule 'bad-zone': unknown time zone 'Mars/Olympus'");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> this.schedules.create(ScheduleDefinition.cron("bad-function", "reports.nothing", "@daily")))
			.withMessageContaining("Schedule 'bad-function': no job function 'reports.nothing'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.schedules
				.create(ScheduleDefinition.cron("bad-arguments", "reports.run", "@daily").withArguments("[1, 2]")))
			.withMessageContaining("Schedule 'bad-arguments': arguments [1, 2] do not fit job function reports.run");
		assertThat(this.schedules.list()).isEmpty();
		this.schedules.create(ScheduleDefinition.cron("taken", "reports.run", "@daily").withArguments("[\"a\"]"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.schedules
				.create(ScheduleDefinition.cron("taken", "reports.run", "@hourly").withArguments("[\"b\"]")))
			.withMessageContaining("'taken' exists already");
		assertThatExceptionOfType(ScheduleNotFoundException.class).isThrownBy(() -> this.schedules
			.update(ScheduleDefinition.cron("absent", "reports.run", "@daily").withArguments("[\"a\"]")));
		assertThat(this.schedules.find("taken").get().definition().cron()).isEqualTo("@daily");
	}

	@Test
	void dueOccurrenceBecomesOneJobOfTheFunctionCarryingItsOccurrence() {
		createHourly("due", MissedOccurrences.SKIP, Overlap.ALLOW);
		Instant occurrence = dueAgo("due", "5 seconds");
		this.materializer.materialise();
		this.materializer.materialise();
		List<Map<String, Object>> jobs = jobs("due");
		assertThat(jobs).hasSize(1);
		assertThat(jobs.get(0)).containsEntry("job_function", "reports.run")
			.containsEntry("channel", "root.reports")
			.containsEntry("priority", 3)
			.containsEntry("created_by", "schedule due")
			.containsEntry("state", "pending");
		assertThat(((Timestamp) jobs.get(0).get("scheduled_at")).toInstant()).isEqualTo(occurrence);
		Schedule schedule = this.schedules.find("due").get();
		assertThat(schedule.lastOccurrence()).isEqualTo(occurrence);
		assertThat(schedule.lastJobUuid()).isEqualTo(jobs.get(0).get("uuid"));
		assertThat(schedule.lastJobState()).isEqualTo("pending");
		assertThat(schedule.nextOccurrence()).isEqualTo(occurrence.plus(Duration.ofHours(1)));
	}

	@Test
	void secondJobForAnOccurrenceCannotBeStored() {
		createHourly("once", MissedOccurrences.SKIP, Overlap.ALLOW);
		Instant occurrence = dueAgo("once", "1 second");
		this.materializer.materialise();
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, schedule,
				                       scheduled_at)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 5, 'reports.run', '["x"]', 'once', ?)
				""", Timestamp.from(occurrence)));
		assertThat(jobs("once")).hasSize(1);
	}

	@Test
	void skipDropsTheOccurrencesMissedDuringAnOutage() {
		createHourly("skipping", MissedOccurrences.SKIP, Overlap.ALLOW);
		Instant first = dueAgo("skipping", "5 hours 30 minutes");
		this.materializer.materialise();
		assertThat(jobs("skipping")).isEmpty();
		assertThat(this.schedules.find("skipping").get().nextOccurrence()).isEqualTo(first.plus(Duration.ofHours(6)));
	}

	@Test
	void lastStoresOneJobForTheLatestMissedOccurrence() {
		createHourly("latest", MissedOccurrences.LAST, Overlap.ALLOW);
		Instant first = dueAgo("latest", "5 hours 30 minutes");
		this.materializer.materialise();
		assertThat(occurrences("latest")).containsExactly(first.plus(Duration.ofHours(5)));
		assertThat(this.schedules.find("latest").get().nextOccurrence()).isEqualTo(first.plus(Duration.ofHours(6)));
	}

	@Test
	void allStoresOneJobPerMissedOccurrence() {
		createHourly("every", MissedOccurrences.ALL, Overlap.ALLOW);
		Instant first = dueAgo("every", "5 hours 30 minutes");
		this.materializer.materialise();
		assertThat(occurrences("every")).containsExactly(first, first.plus(Duration.ofHours(1)),
				first.plus(Duration.ofHours(2)), first.plus(Duration.ofHours(3)), first.plus(Duration.ofHours(4)),
				first.plus(Duration.ofHours(5)));
	}

	@Test
	void overlapAllowStoresAnOccurrenceWhileThePreviousJobWaits() {
		createHourly("overlapping", MissedOccurrences.SKIP, Overlap.ALLOW);
		dueAgo("overlapping", "2 seconds");
		this.materializer.materialise();
		dueAgo("overlapping", "1 second");
		this.materializer.materialise();
		assertThat(jobs("overlapping")).hasSize(2);
	}

	@Test
	void overlapSkipDropsAnOccurrenceWhileThePreviousJobWaits() {
		createHourly("alone", MissedOccurrences.SKIP, Overlap.SKIP);
		dueAgo("alone", "2 seconds");
		this.materializer.materialise();
		Instant dropped = dueAgo("alone", "1 second");
		this.materializer.materialise();
		assertThat(jobs("alone")).hasSize(1);
		assertThat(this.schedules.find("alone").get().nextOccurrence()).isEqualTo(dropped.plus(Duration.ofHours(1)));
	}

	@Test
	void overlapQueueHoldsAnOccurrenceBackUntilThePreviousJobEnds() {
		createHourly("queued", MissedOccurrences.SKIP, Overlap.QUEUE);
		Instant first = dueAgo("queued", "2 seconds");
		this.materializer.materialise();
		Instant held = dueAgo("queued", "1 second");
		this.materializer.materialise();
		assertThat(occurrences("queued")).containsExactly(first);
		assertThat(this.schedules.find("queued").get().nextOccurrence()).isEqualTo(held);
		this.jdbc.update("UPDATE queue_job SET state = 'done', date_done = clock_timestamp() WHERE schedule = ?",
				"queued");
		this.materializer.materialise();
		assertThat(occurrences("queued")).containsExactly(first, held);
	}

	@Test
	void pausedScheduleMaterialisesNothingUntilResumed() {
		createHourly("paused", MissedOccurrences.SKIP, Overlap.ALLOW);
		this.schedules.pause("paused");
		Instant occurrence = dueAgo("paused", "2 seconds");
		this.materializer.materialise();
		assertThat(jobs("paused")).isEmpty();
		assertThat(this.schedules.find("paused").get().paused()).isTrue();
		this.schedules.resume("paused");
		this.materializer.materialise();
		assertThat(occurrences("paused")).containsExactly(occurrence);
	}

	@Test
	void runNowStoresAJobAtTheDatabaseTimeAndKeepsTheNextOccurrence() {
		Schedule created = createHourly("manual", MissedOccurrences.SKIP, Overlap.ALLOW);
		this.schedules.pause("manual");
		// occurrences are kept to the millisecond
		Instant before = dbNow().truncatedTo(ChronoUnit.MILLIS);
		UUID job = this.schedules.runNow("manual");
		List<Map<String, Object>> jobs = jobs("manual");
		assertThat(jobs).hasSize(1);
		assertThat(jobs.get(0)).containsEntry("uuid", job);
		assertThat(((Timestamp) jobs.get(0).get("scheduled_at")).toInstant()).isAfterOrEqualTo(before);
		Schedule schedule = this.schedules.find("manual").get();
		assertThat(schedule.nextOccurrence()).isEqualTo(created.nextOccurrence());
		assertThat(schedule.lastJobUuid()).isEqualTo(job);
		assertThatExceptionOfType(ScheduleNotFoundException.class).isThrownBy(() -> this.schedules.runNow("absent"));
	}

	@Test
	void updateKeepsTheNextOccurrenceUnlessTheTimingChanges() {
		Schedule created = createHourly("changing", MissedOccurrences.SKIP, Overlap.ALLOW);
		Schedule sameTiming = this.schedules.update(created.definition().withMissed(MissedOccurrences.ALL));
		assertThat(sameTiming.nextOccurrence()).isEqualTo(created.nextOccurrence());
		assertThat(sameTiming.definition().missed()).isEqualTo(MissedOccurrences.ALL);
		Schedule retimed = this.schedules
			.update(ScheduleDefinition.cron("changing", "reports.run", "0 0 3 1 1 *").withArguments("[\"x\"]"));
		assertThat(retimed.nextOccurrence()).isNotEqualTo(created.nextOccurrence());
		assertThat(retimed.definition().fixedRate()).isNull();
		this.schedules.delete("changing");
		assertThat(this.schedules.find("changing")).isEmpty();
	}

	@Test
	void declaredSchedulesAreWrittenWithThePropertiesOverridingTheAnnotation() {
		this.jdbc.update("INSERT INTO queue_job_schedule (name, job_function, cron, source) "
				+ "VALUES ('removed', 'reports.run', '@daily', 'annotation')");
		assertThat(this.declared.synchronize()).containsEntry("reports.nightly", "properties")
			.containsEntry("reports.hourly", "annotation")
			.containsEntry("weekly", "properties");
		Schedule nightly = this.schedules.find("reports.nightly").get();
		assertThat(nightly.definition().cron()).isEqualTo("0 0 2 * * *");
		assertThat(nightly.definition().zone()).isEqualTo("Europe/Brussels");
		assertThat(nightly.definition().arguments()).isEqualTo("[\"eu\"]");
		assertThat(this.schedules.find("reports.hourly").get().definition().fixedRate()).isEqualTo(Duration.ofHours(1));
		assertThat(this.schedules.find("weekly").get().definition().missed()).isEqualTo(MissedOccurrences.LAST);
		assertThat(this.schedules.find("removed").get().definition().enabled()).isFalse();
	}

	private Schedule createHourly(String name, MissedOccurrences missed, Overlap overlap) {
		return this.schedules.create(ScheduleDefinition.fixedRate(name, "reports.run", Duration.ofHours(1))
			.withArguments("[\"" + name + "\"]")
			.withMissed(missed)
			.withOverlap(overlap));
	}

	/**
	 * Make a schedule's next occurrence fall due some time ago, by the database's clock.
	 */
	private Instant dueAgo(String name, String ago) {
		return this.jdbc.queryForObject("""
				UPDATE queue_job_schedule
				SET next_occurrence = date_trunc('milliseconds', clock_timestamp() - ?::interval)
				WHERE name = ? RETURNING next_occurrence
				""", Timestamp.class, ago, name).toInstant();
	}

	private Instant dbNow() {
		return this.jdbc.queryForObject("SELECT clock_timestamp()", Timestamp.class).toInstant();
	}

	private List<Map<String, Object>> jobs(String schedule) {
		return this.jdbc.queryForList("SELECT * FROM queue_job WHERE schedule = ? ORDER BY scheduled_at", schedule);
	}

	private List<Instant> occurrences(String schedule) {
		return jobs(schedule).stream().map((job) -> ((Timestamp) job.get("scheduled_at")).toInstant()).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ReportJobs reports() {
			return new ReportJobs();
		}

	}

	public static class ReportJobs {

		@QueueJob(channel = "reports", priority = 3)
		@QueueJobSchedule(name = "reports.nightly", cron = "0 0 2 * * *", arguments = "[\"all\"]")
		@QueueJobSchedule(name = "reports.hourly", fixedRate = "PT1H", arguments = "[\"hour\"]")
		public void run(String region) {
		}

	}

}
