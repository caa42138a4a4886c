package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the history of finished jobs ({@code V12__history.sql}): the move of done
 * and cancelled jobs out of {@code queue_job} into {@code queue_job_history}, its daily
 * partitions by removal day, their drop once the day has passed, and the way back for a
 * job an operator acts on.
 */
public final class JobHistoryStore {

	/**
	 * The columns a job has in both tables, in the order of {@code queue_job}; the
	 * history has three more: date_expires, parent_uuids and child_uuids.
	 */
	public static final List<String> JOB_COLUMNS = List.of("id", "uuid", "graph_uuid", "state", "channel", "priority",
			"eta", "retry", "max_retries", "job_function", "args", "description", "result", "exc_name", "exc_message",
			"exc_info", "date_created", "date_enqueued", "date_started", "date_done", "date_cancelled", "exec_time_ms",
			"identity_key", "worker", "created_by", "date_failed", "timeout", "date_deadline", "schedule",
			"scheduled_at", "progress", "progress_message", "progress_at", "trace_context", "partition_key");

	/** The states of the jobs the history holds. */
	public static final List<String> MOVED_STATES = List.of("done", "cancelled");

	/**
	 * How far ahead of today partitions are created; later days go to the default one.
	 */
	static final int MAX_DAYS_AHEAD = 400;

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private final JdbcTemplate jdbc;

	private final String prefix;

	private final String history;

	private final String defaultPartition;

	private final String move;

	private final String firstMovable;

	private final String restore;

	/**
	 * Create the store.
	 * @param jdbc the JDBC template on queue-job's data source
	 * @param schema the schema of the queue-job tables
	 */
	public JobHistoryStore(JdbcTemplate jdbc, QueueJobSchema schema) {
		this.jdbc = jdbc;
		this.prefix = schema.tablePrefix();
		String table = this.prefix + "queue_job";
		String dependency = this.prefix + "queue_job_dependency";
		this.history = this.prefix + "queue_job_history";
		this.defaultPartition = this.history + "_default";
		String columns = String.join(", ", JOB_COLUMNS);
		String moved = "m." + String.join(", m.", JOB_COLUMNS);
		// queue_job_finished_idx (V3), as the autovacuum's delete; rows locked by another
		// transaction are skipped. A cancelled job that a child still waits for stays, as
		// its edge keeps that child waiting (see JobVacuumStore); a done job may go, as a
		// child's parents are all done when none of its remaining edges leads to one that
		// is not. The statement sees the edges as they were before the delete, whose
		// cascade removes them, and keeps the neighbours in the moved row.
		this.move = """
				WITH picked AS (
				    SELECT j.id FROM %1$s j
				    WHERE j.state IN ('done', 'cancelled') AND j.channel = ANY (?)
				      AND (CASE WHEN j.state = 'done' THEN j.date_done ELSE j.date_cancelled END) < ?
				      AND (CASE WHEN j.state = 'done' THEN j.date_done ELSE j.date_cancelled END) >= ?
				      AND (j.state = 'done' OR (
				          SELECT 1 FROM %2$s d JOIN %1$s c ON c.id = d.child_id
				          WHERE d.parent_id = j.id AND c.state NOT IN ('done', 'cancelled') LIMIT 1) IS NULL)
				    LIMIT ?
				    FOR UPDATE OF j SKIP LOCKED
				), m AS (
				    DELETE FROM %1$s j USING picked p WHERE j.id = p.id
				    RETURNING j.*
				)
				INSERT INTO %3$s (%4$s, date_expires, parent_uuids, child_uuids)
				SELECT %5$s,
				    (CASE WHEN m.state = 'done' THEN m.date_done ELSE m.date_cancelled END)
				        + ?::int8 * interval '1 millisecond',
				    nullif(ARRAY(SELECT p.uuid FROM %2$s d JOIN %1$s p ON p.id = d.parent_id
				                 WHERE d.child_id = m.id ORDER BY p.id), '{}'),
				    nullif(ARRAY(SELECT c.uuid FROM %2$s d JOIN %1$s c ON c.id = d.child_id
				                 WHERE d.parent_id = m.id ORDER BY c.id), '{}')
				FROM m
				""".formatted(table, dependency, this.history, columns, moved);
		// queue_job_finished_idx, one probe per channel
		this.firstMovable = """
				SELECT min(f.finished) FROM unnest(?::varchar[]) c (channel), LATERAL (
				    SELECT (CASE WHEN j.state = 'done' THEN j.date_done ELSE j.date_cancelled END) AS finished
				    FROM %1$s j
				    WHERE j.state IN ('done', 'cancelled') AND j.channel = c.channel
				      AND (CASE WHEN j.state = 'done' THEN j.date_done ELSE j.date_cancelled END) >= ?
				    ORDER BY 1 LIMIT 1) f
				""".formatted(table);
		// the edges to the jobs still in queue_job come back with the job; those to jobs
		// in the history stay in their rows
		this.restore = """
				WITH h AS (
				    DELETE FROM %3$s h WHERE h.uuid = ANY (?) AND h.state = ANY (?)
				    RETURNING h.*
				), restored AS (
				    INSERT INTO %1$s (%4$s) OVERRIDING SYSTEM VALUE
				    SELECT %5$s FROM h m
				    RETURNING id, uuid
				), edges AS (
				    INSERT INTO %2$s (parent_id, child_id)
				    SELECT p.id, r.id FROM h JOIN restored r ON r.uuid = h.uuid JOIN %1$s p ON p.uuid = ANY (h.parent_uuids)
				    UNION
				    SELECT r.id, c.id FROM h JOIN restored r ON r.uuid = h.uuid JOIN %1$s c ON c.uuid = ANY (h.child_uuids)
				    ON CONFLICT DO NOTHING
				)
				SELECT count(*) FROM restored
				"""
			.formatted(table, dependency, this.history, columns, moved);
	}

	/**
	 * The earliest finish among the done and cancelled jobs of some channels that
	 * finished since an instant.
	 * @param channels the full channel names
	 * @param finishedFrom the instant
	 * @return the finish, or {@code null} when none finished since
	 */
	public Instant firstFinished(Collection<String> channels, Instant finishedFrom) {
		return this.jdbc.query(this.firstMovable, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "varchar", channels));
			ps.setTimestamp(2, JobTables.timestamp(finishedFrom));
		}, (rs) -> rs.next() ? JobTables.instant(rs.getTimestamp(1)) : null);
	}

	/**
	 * Move one batch of done and cancelled jobs of some channels that finished in a
	 * window into the history. Call it in a short transaction of its own, after
	 * {@link #createPartitions} for the days their removal falls on.
	 * @param channels the full channel names, which share a removal interval
	 * @param finishedBefore the end of the window: jobs finished since stay
	 * @param finishedFrom the start of the window: jobs finished before it are past their
	 * removal, for the autovacuum to delete
	 * @param removalInterval the channels' removal interval, added to the finish to give
	 * the removal day
	 * @param limit the most jobs to move
	 * @return how many jobs moved
	 */
	public int move(Collection<String> channels, Instant finishedBefore, Instant finishedFrom, Duration removalInterval,
			int limit) {
		return this.jdbc.update(this.move, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "varchar", channels));
			ps.setTimestamp(2, JobTables.timestamp(finishedBefore));
			ps.setTimestamp(3, JobTables.timestamp(finishedFrom));
			ps.setInt(4, limit);
			ps.setLong(5, removalInterval.toMillis());
		});
	}

	/**
	 * Create the missing partitions of the days from one to another (UTC, both included),
	 * up to {@value #MAX_DAYS_AHEAD} days after today: the jobs of later days go to the
	 * default partition. A day the default partition already holds jobs of keeps them
	 * there and gets no partition.
	 * @param today today
	 * @param from the first day
	 * @param to the last day
	 * @return how many partitions were created
	 */
	public int createPartitions(LocalDate today, LocalDate from, LocalDate to) {
		Set<String> existing = new HashSet<>(partitions());
		LocalDate horizon = today.plusDays(MAX_DAYS_AHEAD);
		LocalDate last = to.isAfter(horizon) ? horizon : to;
		int created = 0;
		for (LocalDate day = from.isBefore(today) ? today : from; !day.isAfter(last); day = day.plusDays(1)) {
			if (existing.contains(partitionName(day))) {
				continue;
			}
			Instant start = start(day);
			Instant end = start(day.plusDays(1));
			Boolean held = this.jdbc.queryForObject(
					"SELECT EXISTS (SELECT 1 FROM %s WHERE date_expires >= ? AND date_expires < ?)"
						.formatted(this.defaultPartition),
					Boolean.class, JobTables.timestamp(start), JobTables.timestamp(end));
			if (Boolean.TRUE.equals(held)) {
				continue;
			}
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS %s%s PARTITION OF %s FOR VALUES FROM ('%s') TO ('%s')"
				.formatted(this.prefix, partitionName(day), this.history, start, end));
			created++;
		}
		return created;
	}

	/**
	 * Drop the partitions of the days before a day: every job in them is past its
	 * removal.
	 * @param today the first day kept (UTC)
	 * @return the names of the partitions dropped
	 */
	public List<String> dropPartitionsBefore(LocalDate today) {
		List<String> dropped = new ArrayList<>();
		for (String name : partitions()) {
			LocalDate day = LocalDate.parse(name.substring(name.length() - 8), DAY);
			if (day.isBefore(today)) {
				this.jdbc.execute("DROP TABLE IF EXISTS %s%s".formatted(this.prefix, name));
				dropped.add(name);
			}
		}
		return dropped;
	}

	/**
	 * Delete one batch of the jobs of the default partition past their removal.
	 * @param now the time now
	 * @param limit the most jobs to delete
	 * @return how many jobs were deleted
	 */
	public int deleteExpiredDefault(Instant now, int limit) {
		return this.jdbc.update("""
				DELETE FROM %1$s WHERE ctid = ANY (ARRAY(
				    SELECT ctid FROM %1$s WHERE date_expires < ? LIMIT ?))
				""".formatted(this.defaultPartition), JobTables.timestamp(now), limit);
	}

	/**
	 * Bring jobs back from the history into queue_job, with their edges to the jobs
	 * there, so that an action can change them. Call it in the action's transaction.
	 * @param uuids the jobs
	 * @param states the states the action accepts; jobs in others stay
	 * @return how many jobs came back
	 */
	public int restore(Collection<UUID> uuids, Collection<String> states) {
		List<String> moved = states.stream().filter(MOVED_STATES::contains).toList();
		if (moved.isEmpty() || uuids.isEmpty()) {
			return 0;
		}
		Integer restored = this.jdbc.query(this.restore, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "uuid", uuids));
			ps.setArray(2, JobTables.array(ps, "varchar", moved));
		}, (rs) -> rs.next() ? rs.getInt(1) : 0);
		return (restored != null) ? restored : 0;
	}

	/**
	 * The states of the jobs the history holds among some.
	 * @param uuids the jobs
	 * @return the state of each job found, as stored
	 */
	public Map<UUID, String> states(Collection<UUID> uuids) {
		Map<UUID, String> states = new HashMap<>();
		if (uuids.isEmpty()) {
			return states;
		}
		this.jdbc.query("SELECT uuid, state FROM %s WHERE uuid = ANY (?)".formatted(this.history),
				(PreparedStatement ps) -> ps.setArray(1, JobTables.array(ps, "uuid", uuids)), (ResultSet rs) -> {
					states.put(rs.getObject(1, UUID.class), rs.getString(2));
				});
		return states;
	}

	/**
	 * The names of the day partitions, oldest first.
	 * @return the names, without the schema
	 */
	public List<String> partitions() {
		return this.jdbc.queryForList("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = to_regclass(?) AND c.relname ~ '_p[0-9]{8}$'
				ORDER BY c.relname
				""", String.class, this.history);
	}

	static String partitionName(LocalDate day) {
		return "queue_job_history_p" + day.format(DAY);
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
