package io.queuejob.spring.internal.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.queuejob.spring.schedule.MissedOccurrences;
import io.queuejob.spring.schedule.Overlap;
import io.queuejob.spring.schedule.ScheduleDefinition;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The schedule table, and the jobs its schedules store, in plain JDBC. "Now" is always
 * the database's clock, the one clock every node shares.
 */
public final class JdbcScheduleStore {

	private static final String COLUMNS = """
			s.name, s.job_function, s.cron, extract(epoch FROM s.fixed_rate), extract(epoch FROM s.fixed_delay),
			    s.zone, s.args::text, s.enabled, s.missed, s.overlap, s.source, s.paused,
			    s.next_occurrence, s.last_occurrence, s.last_job_uuid, j.state,
			    coalesce(j.date_done, j.date_failed, j.date_cancelled)""";

	private static final RowMapper<StoredSchedule> SCHEDULE = JdbcScheduleStore::schedule;

	private final JdbcTemplate jdbc;

	private final String payload;

	private final String select;

	private final String lockDue;

	private final String insert;

	private final String update;

	private final String insertJob;

	private final String releaseFixedDelays;

	private final String untilNextDue;

	private final String schedules;

	/**
	 * Create the store.
	 * @param jdbc the JDBC template on the queue-job data source
	 * @param schema the schema of the queue-job tables
	 * @param payload the payload of the notifications of this node's stores, which its
	 * own listener ignores
	 */
	public JdbcScheduleStore(JdbcTemplate jdbc, QueueJobSchema schema, String payload) {
		this.jdbc = jdbc;
		this.payload = payload;
		this.schedules = schema.tablePrefix() + "queue_job_schedule";
		String jobs = schema.tablePrefix() + "queue_job";
		String from = " FROM %s s LEFT JOIN %s j ON j.uuid = s.last_job_uuid".formatted(this.schedules, jobs);
		this.select = "SELECT " + COLUMNS + from;
		// the caller re-checks that it is due with the database's clock, in the same
		// transaction; a schedule another runner holds is left to it
		this.lockDue = "SELECT " + COLUMNS + ", clock_timestamp()" + from + """
				 WHERE s.name = ? AND s.enabled AND NOT s.paused AND s.next_occurrence <= clock_timestamp()
				FOR UPDATE OF s SKIP LOCKED
				""";
		this.insert = """
				INSERT INTO %s (name, job_function, cron, fixed_rate, fixed_delay, zone, args, enabled, missed, overlap,
				                source, next_occurrence)
				VALUES (?, ?, ?, make_interval(secs => ?::float8), make_interval(secs => ?::float8), ?, ?::jsonb, ?, ?, ?, ?, ?)
				ON CONFLICT (name) DO NOTHING
				"""
			.formatted(this.schedules);
		this.update = """
				UPDATE %s SET job_function = ?, cron = ?, fixed_rate = make_interval(secs => ?::float8),
				    fixed_delay = make_interval(secs => ?::float8), zone = ?, args = ?::jsonb, enabled = ?, missed = ?,
				    overlap = ?, source = ?, next_occurrence = CASE WHEN ? THEN ? ELSE next_occurrence END,
				    date_updated = clock_timestamp()
				WHERE name = ?
				""".formatted(this.schedules);
		// the unique index on (schedule, scheduled_at) refuses a second job for one
		// occurrence; an identity key held by a waiting job stores nothing, as for any
		// job
		this.insertJob = """
				WITH inserted AS (
				    INSERT INTO %s (uuid, state, channel, priority, max_retries, job_function, args, description,
				                    identity_key, created_by, schedule, scheduled_at)
				    VALUES (?, 'pending', ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
				    ON CONFLICT (identity_key)
				        WHERE identity_key IS NOT NULL AND state IN ('wait_dependencies', 'pending', 'enqueued')
				        DO NOTHING
				    RETURNING id
				)
				SELECT id, pg_notify(?, ?) FROM inserted
				""".formatted(jobs);
		this.releaseFixedDelays = """
				UPDATE %1$s s
				SET next_occurrence = date_trunc('milliseconds', coalesce(
				        (SELECT coalesce(j.date_done, j.date_failed, j.date_cancelled) FROM %2$s j
				         WHERE j.uuid = s.last_job_uuid), clock_timestamp()) + s.fixed_delay)
				WHERE s.fixed_delay IS NOT NULL AND s.next_occurrence IS NULL AND s.enabled AND NOT s.paused
				  AND NOT EXISTS (SELECT 1 FROM %2$s j WHERE j.uuid = s.last_job_uuid
				                  AND j.state IN ('wait_dependencies', 'pending', 'enqueued', 'started'))
				""".formatted(this.schedules, jobs);
		this.untilNextDue = """
				SELECT extract(epoch FROM min(next_occurrence) - clock_timestamp()) FROM %s
				WHERE enabled AND NOT paused AND next_occurrence > clock_timestamp()
				""".formatted(this.schedules);
	}

	/**
	 * The database's time now.
	 * @return now, to the millisecond
	 */
	public Instant now() {
		return millis(this.jdbc.queryForObject("SELECT clock_timestamp()", Timestamp.class).toInstant());
	}

	/**
	 * Every schedule, by name.
	 * @return the schedules
	 */
	public List<StoredSchedule> list() {
		return this.jdbc.query(this.select + " ORDER BY s.name", SCHEDULE);
	}

	/**
	 * A schedule, locked until the transaction ends when asked.
	 * @param name its name
	 * @param lock whether to lock its row
	 * @return the schedule, or {@code null}
	 */
	public StoredSchedule find(String name, boolean lock) {
		List<StoredSchedule> found = this.jdbc
			.query(this.select + " WHERE s.name = ?" + (lock ? " FOR UPDATE OF s" : ""), SCHEDULE, name);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * Store a new schedule.
	 * @param definition the schedule
	 * @param source where it was declared
	 * @param nextOccurrence its first occurrence
	 * @return whether it was stored: {@code false} if its name is taken
	 */
	public boolean insert(ScheduleDefinition definition, String source, Instant nextOccurrence) {
		return this.jdbc.update(this.insert, (ps) -> {
			ps.setString(1, definition.name());
			ps.setString(2, definition.function());
			ps.setString(3, definition.cron());
			ps.setObject(4, seconds(definition.fixedRate()));
			ps.setObject(5, seconds(definition.fixedDelay()));
			ps.setString(6, definition.zone());
			ps.setString(7, definition.arguments());
			ps.setBoolean(8, definition.enabled());
			ps.setString(9, dbValue(definition.missed()));
			ps.setString(10, dbValue(definition.overlap()));
			ps.setString(11, source);
			ps.setTimestamp(12, JobTables.timestamp(nextOccurrence));
		}) == 1;
	}

	/**
	 * Change a schedule.
	 * @param definition the schedule, found by its name
	 * @param source where it is now declared
	 * @param nextOccurrence its next occurrence, when its timing changed
	 * @param timingChanged whether to set the next occurrence
	 * @return whether a schedule has that name
	 */
	public boolean update(ScheduleDefinition definition, String source, Instant nextOccurrence, boolean timingChanged) {
		return this.jdbc.update(this.update, (ps) -> {
			ps.setString(1, definition.function());
			ps.setString(2, definition.cron());
			ps.setObject(3, seconds(definition.fixedRate()));
			ps.setObject(4, seconds(definition.fixedDelay()));
			ps.setString(5, definition.zone());
			ps.setString(6, definition.arguments());
			ps.setBoolean(7, definition.enabled());
			ps.setString(8, dbValue(definition.missed()));
			ps.setString(9, dbValue(definition.overlap()));
			ps.setString(10, source);
			ps.setBoolean(11, timingChanged);
			ps.setTimestamp(12, JobTables.timestamp(nextOccurrence));
			ps.setString(13, definition.name());
		}) == 1;
	}

	/**
	 * Pause or resume a schedule.
	 * @param name its name
	 * @param paused whether it is paused
	 * @return whether a schedule has that name
	 */
	public boolean setPaused(String name, boolean paused) {
		return this.jdbc.update(
				"UPDATE " + this.schedules + " SET paused = ?, date_updated = clock_timestamp() WHERE name = ?", paused,
				name) == 1;
	}

	/**
	 * Delete a schedule.
	 * @param name its name
	 * @return whether a schedule had that name
	 */
	public boolean delete(String name) {
		return this.jdbc.update("DELETE FROM " + this.schedules + " WHERE name = ?", name) == 1;
	}

	/**
	 * Disable the schedules of a source that are no longer declared.
	 * @param source {@code annotation} or {@code properties}
	 * @param declared the names declared now
	 * @return the names disabled
	 */
	public List<String> disableUndeclared(String source, List<String> declared) {
		return this.jdbc.query((connection) -> {
			PreparedStatement ps = connection
				.prepareStatement("UPDATE " + this.schedules + " SET enabled = false, date_updated = clock_timestamp()"
						+ " WHERE source = ? AND enabled AND NOT (name = ANY (?)) RETURNING name");
			ps.setString(1, source);
			ps.setArray(2, connection.createArrayOf("varchar", declared.toArray()));
			return ps;
		}, (rs, row) -> rs.getString(1));
	}

	/**
	 * The schedules due now, by the database's clock.
	 * @param limit the most names returned
	 * @return their names, earliest due first
	 */
	public List<String> dueNames(int limit) {
		return this.jdbc.queryForList("SELECT name FROM " + this.schedules
				+ " WHERE enabled AND NOT paused AND next_occurrence <= clock_timestamp()"
				+ " ORDER BY next_occurrence LIMIT ?", String.class, limit);
	}

	/**
	 * Lock a schedule if it is still due, for the rest of the transaction.
	 * @param name its name
	 * @return the schedule and the database's time, or {@code null} if it is no longer
	 * due, or another transaction holds it
	 */
	public Due lockDue(String name) {
		List<Due> due = this.jdbc.query(this.lockDue,
				(rs, row) -> new Due(schedule(rs, row), millis(rs.getTimestamp(18).toInstant())), name);
		return due.isEmpty() ? null : due.get(0);
	}

	/**
	 * Store the job of an occurrence; its insert notifies the runners or workers at
	 * commit.
	 * @param job the job
	 * @param schedule the schedule's name
	 * @param occurrence the occurrence it stands for
	 * @param channel the notification channel
	 * @return whether it was stored: {@code false} when a waiting job holds its identity
	 * key
	 */
	public boolean insertJob(NewJob job, String schedule, Instant occurrence, String channel) {
		List<Long> ids = this.jdbc.query(this.insertJob, (ps) -> {
			ps.setObject(1, job.uuid());
			ps.setString(2, job.channel());
			ps.setInt(3, job.priority());
			ps.setInt(4, job.maxRetries());
			ps.setString(5, job.jobFunction());
			ps.setString(6, job.argumentsJson());
			ps.setString(7, job.description());
			ps.setString(8, job.identityKey());
			ps.setString(9, job.createdBy());
			ps.setString(10, schedule);
			ps.setTimestamp(11, JobTables.timestamp(occurrence));
			ps.setString(12, channel);
			ps.setString(13, this.payload);
		}, (rs, row) -> rs.getLong(1));
		return !ids.isEmpty();
	}

	/**
	 * Record what a schedule materialised.
	 * @param name the schedule's name
	 * @param nextOccurrence its next occurrence, or {@code null} (a fixed delay waits for
	 * its job to end)
	 * @param lastOccurrence the occurrence of its last job
	 * @param lastJobUuid its last job
	 */
	public void advance(String name, Instant nextOccurrence, Instant lastOccurrence, UUID lastJobUuid) {
		this.jdbc.update(
				"UPDATE " + this.schedules + " SET next_occurrence = ?,"
						+ " last_occurrence = coalesce(?, last_occurrence), last_job_uuid = coalesce(?, last_job_uuid)"
						+ " WHERE name = ?",
				JobTables.timestamp(nextOccurrence), JobTables.timestamp(lastOccurrence), lastJobUuid, name);
	}

	/**
	 * Record the last job of a schedule, stored out of its timing ("run now").
	 * @param name the schedule's name
	 * @param occurrence the occurrence of the job
	 * @param jobUuid the job
	 */
	public void recordJob(String name, Instant occurrence, UUID jobUuid) {
		this.jdbc.update("UPDATE " + this.schedules + " SET last_occurrence = ?, last_job_uuid = ? WHERE name = ?",
				JobTables.timestamp(occurrence), jobUuid, name);
	}

	/**
	 * Give the fixed-delay schedules whose job has ended their next occurrence: a delay
	 * after that end.
	 * @return how many schedules were given one
	 */
	public int releaseFixedDelays() {
		return this.jdbc.update(this.releaseFixedDelays);
	}

	/**
	 * How long until the next schedule falls due, by the database's clock.
	 * @return the time, or {@code null} if no schedule is to fall due
	 */
	public Duration untilNextDue() {
		BigDecimal seconds = this.jdbc.queryForObject(this.untilNextDue, BigDecimal.class);
		return (seconds != null) ? Duration.ofMillis(seconds.movePointRight(3).longValue()) : null;
	}

	private static StoredSchedule schedule(ResultSet rs, int row) throws SQLException {
		ScheduleDefinition definition = new ScheduleDefinition(rs.getString(1), rs.getString(2), rs.getString(3),
				duration(rs.getBigDecimal(4)), duration(rs.getBigDecimal(5)), rs.getString(6), rs.getString(7),
				rs.getBoolean(8), MissedOccurrences.valueOf(rs.getString(9).toUpperCase(Locale.ROOT)),
				Overlap.valueOf(rs.getString(10).toUpperCase(Locale.ROOT)));
		return new StoredSchedule(definition, rs.getString(11), rs.getBoolean(12),
				JobTables.instant(rs.getTimestamp(13)), JobTables.instant(rs.getTimestamp(14)),
				rs.getObject(15, UUID.class), rs.getString(16), JobTables.instant(rs.getTimestamp(17)));
	}

	private static Duration duration(BigDecimal seconds) {
		return (seconds != null) ? Duration.ofMillis(seconds.movePointRight(3).longValue()) : null;
	}

	private static BigDecimal seconds(Duration duration) {
		return (duration != null) ? BigDecimal.valueOf(duration.toMillis()).movePointLeft(3) : null;
	}

	private static String dbValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * A due schedule, locked, and the database's time when it was locked.
	 *
	 * @param schedule the schedule
	 * @param now the database's time
	 */
	public record Due(StoredSchedule schedule, Instant now) {

	}

}
