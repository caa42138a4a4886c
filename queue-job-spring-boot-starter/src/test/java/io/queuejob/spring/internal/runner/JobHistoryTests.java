package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.JobVacuumStore;
import io.queuejob.spring.internal.store.QueueJobSchema;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JobVacuum} with the history on: which jobs move into the history
 * table, that they move whole with their edges, that the graph they belong to goes on as
 * before, and that retention drops the partitions of the days past.
 */
class JobHistoryTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static final Duration THIRTY_DAYS = Duration.ofDays(30);

	private final VacuumedJobs jobs = VacuumedJobs.onFreshDatabase();

	private final JdbcTemplate jdbc = this.jobs.jdbc();

	private final TransactionTemplate transaction = this.jobs.transaction();

	@Test
	void movesTheDoneAndCancelledJobsFinishedBeforeTheMoveAfterWithEveryColumn() {
		long done = this.jobs.insert("done", "root", minutesAgo(10), null);
		long cancelled = this.jobs.insert("cancelled", "root", null, minutesAgo(10));
		long recentDone = this.jobs.insert("done", "root", minutesAgo(1), null);
		long failed = this.jobs.insert("failed", "root", null, null);
		long pending = this.jobs.insert("pending", "root", null, null);
		long expired = this.jobs.insert("done", "root", Timestamp.from(NOW.minus(Duration.ofDays(31))), null);
		this.jdbc.update("""
				UPDATE queue_job SET graph_uuid = gen_random_uuid(), eta = now(), retry = 2, description = 'a job',
				    result = '{"total": 3}', exc_name = 'E', exc_message = 'm', exc_info = 'trace',
				    date_enqueued = now(), date_started = now(), exec_time_ms = 12, identity_key = 'key-' || id,
				    worker = 'node-1', created_by = 'alice', date_failed = now(), timeout = interval '5 minutes',
				    date_deadline = now(), schedule = 'nightly', scheduled_at = now(), progress = 40,
				    progress_message = 'almost', progress_at = now(), trace_context = '00-abc-def-01',
				    partition_key = 'tenant-1'
				WHERE id = ?
				""", done);
		Map<String, Object> before = row("queue_job", done);

		JobVacuum vacuum = vacuum(Duration.ZERO);
		assertThat(vacuum.vacuum()).isEqualTo(1);

		assertThat(vacuum.movedJobs()).isEqualTo(2);
		assertThat(ids("queue_job")).containsExactlyInAnyOrder(recentDone, failed, pending);
		assertThat(ids("queue_job_history")).containsExactlyInAnyOrder(done, cancelled).doesNotContain(expired);
		assertThat(row("queue_job_history", done)).containsAllEntriesOf(before);
		// removal due 30 days after the finish, in the partition of that day
		assertThat(this.jdbc.queryForObject(
				"SELECT date_expires - date_done = interval '30 days' FROM queue_job_history WHERE id = ?",
				Boolean.class, done))
			.isTrue();
		assertThat(this.jdbc.queryForObject("SELECT tableoid::regclass::text FROM queue_job_history WHERE id = ?",
				String.class, done))
			.isEqualTo("queue_job_history_p20260701");
	}

	@Test
	void aJobMovesOnceTheRollupCountedItAndOnceItLeftTheLongestRatePeriod() {
		long twoHours = this.jobs.insert("done", "root", minutesAgo(120), null);
		long oneDay = this.jobs.insert("done", "root", minutesAgo(60 * 25), null);
		long tenMinutes = this.jobs.insert("done", "root", minutesAgo(10), null);
		this.jdbc.update("UPDATE queue_job_minute_watermark SET folded_to = ?", Timestamp.from(NOW.minusSeconds(3600)));

		vacuum(Duration.ofDays(1)).vacuum();
		assertThat(ids("queue_job_history")).containsExactly(oneDay);

		vacuum(Duration.ZERO).vacuum();
		assertThat(ids("queue_job_history")).containsExactlyInAnyOrder(oneDay, twoHours);
		assertThat(ids("queue_job")).containsExactly(tenMinutes);
	}

	@Test
	void aGraphGoesOnWithItsDoneParentsMovedAndKeepsItsEdgesInTheHistory() {
		long doneParent = this.jobs.insert("done", "root", minutesAgo(10), null);
		long pendingParent = this.jobs.insert("pending", "root", null, null);
		long child = this.jobs.insert("wait_dependencies", "root", null, null);
		long doneChild = this.jobs.insert("done", "root", minutesAgo(10), null);
		this.jobs.edge(doneParent, child);
		this.jobs.edge(pendingParent, child);
		this.jobs.edge(doneParent, doneChild);
		long cancelledParent = this.jobs.insert("cancelled", "root", null, minutesAgo(10));
		long waitingOnCancelled = this.jobs.insert("wait_dependencies", "root", null, null);
		this.jobs.edge(cancelledParent, waitingOnCancelled);

		vacuum(Duration.ZERO).vacuum();

		// a cancelled job stays while a child waits for it, as the autovacuum keeps it
		assertThat(ids("queue_job_history")).containsExactlyInAnyOrder(doneParent, doneChild);
		assertThat(uuids("SELECT unnest(child_uuids) FROM queue_job_history WHERE id = ?", doneParent))
			.containsExactlyInAnyOrder(uuid(child), uuid(doneChild));
		assertThat(uuids("SELECT unnest(parent_uuids) FROM queue_job_history WHERE id = ?", doneChild))
			.containsExactly(uuid(doneParent));
		assertThat(this.jobs.state(child)).isEqualTo("wait_dependencies");

		this.jobs.runToDone(pendingParent);
		assertThat(this.jobs.state(child)).isEqualTo("pending");
		assertThat(this.jobs.state(waitingOnCancelled)).isEqualTo("wait_dependencies");
	}

	@Test
	void retentionDropsTheDaysPastAndDeletesTheExpiredJobsOfTheDefaultPartition() {
		long oneDay = this.jobs.insert("done", "root.short", minutesAgo(10), null);
		long thirtyDays = this.jobs.insert("done", "root", minutesAgo(10), null);
		// a removal interval past the days partitions are created for
		long twoYears = this.jobs.insert("done", "root.long", minutesAgo(10), null);
		Map<String, Duration> channels = Map.of("root.short", Duration.ofDays(1), "root.long", Duration.ofDays(730));
		vacuum(NOW, THIRTY_DAYS, channels, Duration.ZERO).vacuum();
		assertThat(ids("queue_job_history")).containsExactlyInAnyOrder(oneDay, thirtyDays, twoYears);
		assertThat(ids("queue_job_history_default")).containsExactly(twoYears);
		assertThat(partitions()).contains("queue_job_history_p20260602", "queue_job_history_p20260701")
			.allSatisfy((name) -> assertThat(name).isLessThanOrEqualTo("queue_job_history_p" + dayAfter(400)));

		vacuum(NOW.plus(Duration.ofDays(2)), THIRTY_DAYS, channels, Duration.ZERO).vacuum();
		assertThat(ids("queue_job_history")).containsExactlyInAnyOrder(thirtyDays, twoYears);
		assertThat(partitions()).doesNotContain("queue_job_history_p20260601", "queue_job_history_p20260602")
			.contains("queue_job_history_p20260701");

		vacuum(NOW.plus(Duration.ofDays(731)), THIRTY_DAYS, channels, Duration.ZERO).vacuum();
		assertThat(ids("queue_job_history")).isEmpty();
		assertThat(partitions()).isEmpty();
	}

	@Test
	void movesNothingWithTheHistoryOff() {
		this.jobs.insert("done", "root", minutesAgo(10), null);
		JobVacuum vacuum = new JobVacuum(new JobVacuumStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT), new JobVacuum.Settings(THIRTY_DAYS, Map.of(),
						Duration.ofHours(1), 1000, JobVacuum.History.OFF, Clock.fixed(NOW, ZoneOffset.UTC)),
				() -> true, this.transaction);
		vacuum.vacuum();
		assertThat(vacuum.movedJobs()).isZero();
		assertThat(ids("queue_job")).hasSize(1);
		assertThat(partitions()).isEmpty();
	}

	@Test
	void rejectsANegativeMoveAfterOrAMoveIntervalThatIsNotPositiveNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JobVacuum.History(true, Duration.ofMinutes(-1), Duration.ofMinutes(1), Duration.ZERO))
			.withMessageContaining("queue-job.history.move-after");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JobVacuum.History(true, Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO))
			.withMessageContaining("queue-job.history.move-interval");
	}

	@Test
	void theHistoryHasEveryColumnOfTheJobTable() {
		List<String> jobColumns = this.jdbc.queryForList("""
				SELECT column_name FROM information_schema.columns
				WHERE table_schema = current_schema() AND table_name = 'queue_job' ORDER BY ordinal_position
				""", String.class);
		List<String> historyColumns = this.jdbc.queryForList("""
				SELECT column_name FROM information_schema.columns
				WHERE table_schema = current_schema() AND table_name = 'queue_job_history' ORDER BY ordinal_position
				""", String.class);
		assertThat(JobHistoryStore.JOB_COLUMNS).containsExactlyElementsOf(jobColumns);
		assertThat(historyColumns).containsExactlyElementsOf(java.util.stream.Stream
			.concat(jobColumns.stream(), java.util.stream.Stream.of("date_expires", "parent_uuids", "child_uuids"))
			.toList());
	}

	private JobVacuum vacuum(Duration ratePeriod) {
		return vacuum(NOW, THIRTY_DAYS, Map.of(), ratePeriod);
	}

	private JobVacuum vacuum(Instant now, Duration removalInterval, Map<String, Duration> channels,
			Duration ratePeriod) {
		return new JobVacuum(new JobVacuumStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobVacuum.Settings(removalInterval, channels, Duration.ofHours(1), 1000,
						new JobVacuum.History(true, Duration.ofMinutes(5), Duration.ofMinutes(1), ratePeriod),
						Clock.fixed(now, ZoneOffset.UTC)),
				() -> true, this.transaction);
	}

	private Map<String, Object> row(String table, long id) {
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT (to_jsonb(q) - 'date_expires' - 'parent_uuids' - 'child_uuids')::text AS json FROM "
					+ table + " q WHERE id = ?", id);
		return Map.of("json", row.get("json"));
	}

	private List<Long> ids(String table) {
		return this.jdbc.queryForList("SELECT id FROM " + table, Long.class);
	}

	private List<Object> uuids(String sql, long id) {
		return this.jdbc.queryForList(sql, Object.class, id);
	}

	private Object uuid(long id) {
		return this.jdbc.queryForObject("""
				SELECT uuid FROM queue_job WHERE id = ? UNION ALL SELECT uuid FROM queue_job_history WHERE id = ?
				""", Object.class, id, id);
	}

	private List<String> partitions() {
		return new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT).partitions();
	}

	private static String dayAfter(int days) {
		return java.time.LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(days).toString().replace("-", "");
	}

	private static Timestamp minutesAgo(int minutes) {
		return Timestamp.from(NOW.minus(Duration.ofMinutes(minutes)));
	}

}
