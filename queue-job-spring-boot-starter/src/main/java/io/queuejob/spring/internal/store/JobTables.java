package io.queuejob.spring.internal.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the JDBC stores share: the tables, the notifications, and the SQL fragments more
 * than one store uses. The indexes that serve each query are in
 * {@code V1__queue_job.sql}.
 */
final class JobTables {

	/** The first key of the runner's round lock. */
	static final int ROUND_LOCK_NAMESPACE = 0x716A;

	/** The first key of the runner's election lock, held by its listener session. */
	static final int RUNNER_LOCK_NAMESPACE = 0x716A;

	/** The first key of the nodes' liveness locks, held by their listener sessions. */
	static final int NODE_LOCK_NAMESPACE = 0x716B;

	/**
	 * What a move to done sets.
	 */
	static final String DONE_COLUMNS = """
			state = 'done', date_done = clock_timestamp(),
			    exc_name = NULL, exc_message = NULL, exc_info = NULL,
			    exec_time_ms = (extract(epoch FROM clock_timestamp() - date_started) * 1000)::bigint""";

	private final JdbcTemplate jdbc;

	private final String table;

	private final String dependencies;

	private final String pauses;

	private final String payload;

	JobTables(JdbcTemplate jdbc, String prefix, String payload) {
		this.jdbc = jdbc;
		this.table = prefix + "queue_job";
		this.dependencies = prefix + "queue_job_dependency";
		this.pauses = prefix + "queue_job_channel_pause";
		this.payload = payload;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/**
	 * The job table's qualified name, which also names the installation in advisory lock
	 * keys.
	 */
	String table() {
		return this.table;
	}

	/**
	 * The dependency table's qualified name.
	 */
	String dependencies() {
		return this.dependencies;
	}

	/**
	 * The paused channels' table's qualified name.
	 */
	String pauses() {
		return this.pauses;
	}

	/**
	 * The payload of the notifications the stores send.
	 */
	String payload() {
		return this.payload;
	}

	/**
	 * Send a notification; it is delivered when the current transaction commits.
	 */
	void notify(String channel) {
		this.jdbc.query("SELECT pg_notify(?, ?)", (rs) -> {
		}, channel, this.payload);
	}

	/**
	 * The first enqueued jobs in the order they run (queue_job_enqueued_idx), as many as
	 * the statement's next parameter says.
	 */
	String enqueuedInRunOrder() {
		return firstInRunOrder(this.table, "state = 'enqueued'");
	}

	/**
	 * The first ready pending jobs (no eta) in the order they run, leaving out the jobs
	 * of paused channels and of their sub-channels: a query with three parameters, each
	 * the limit.
	 * <p>
	 * Of its two branches, the one whose condition on the paused channels holds runs; the
	 * other is never executed (a one-time filter on the statement's reading of the paused
	 * channels). With no channel paused, an ordered scan of queue_job_ready_idx up to the
	 * limit. With a channel paused, that scan would pass over every ready job of the
	 * paused channels, which a pause during an incident lets grow first in the order
	 * (0.27 s a claim with 500,000 of them): instead, the channels with pending jobs are
	 * read with a loose index scan, the paused ones left out, and the first jobs of each
	 * other channel read from queue_job_pending_idx (up to the limit per channel, locked
	 * until the claim commits).
	 * @param lock whether each job is locked, or skipped if another transaction holds it
	 * @return the query
	 */
	String readyInRunOrder(boolean lock) {
		String locking = lock ? " FOR UPDATE SKIP LOCKED" : "";
		return """
				SELECT * FROM (
				    SELECT id, priority, date_created FROM %1$s
				    WHERE state = 'pending' AND eta IS NULL AND NOT EXISTS (SELECT 1 FROM %2$s)
				    ORDER BY priority, date_created, id LIMIT ?%5$s
				) unpaused
				UNION ALL
				SELECT * FROM (
				    SELECT r.id, r.priority, r.date_created FROM (%3$s) c
				    CROSS JOIN LATERAL (
				        SELECT q.id, q.priority, q.date_created FROM %1$s q
				        WHERE q.state = 'pending' AND q.eta IS NULL AND q.channel = c.channel
				        ORDER BY q.priority, q.date_created, q.id LIMIT ?%5$s
				    ) r
				    WHERE EXISTS (SELECT 1 FROM %2$s) AND %4$s
				    ORDER BY r.priority, r.date_created, r.id LIMIT ?
				) paused""".formatted(this.table, this.pauses, channelsWhere(this.table, "state = 'pending'"),
				notPaused("c.channel"), locking);
	}

	/**
	 * The condition that a channel and its ancestors are not paused. The paused channels
	 * are read once per statement, as arrays that the channel is compared with.
	 * @param channel the SQL expression of the channel's full name
	 * @return the condition, which has no parameter
	 */
	String notPaused(String channel) {
		return """
				NOT (%1$s = ANY (ARRAY(SELECT p.channel FROM %2$s p))
				     OR %1$s LIKE ANY (ARRAY(SELECT replace(replace(replace(p.channel, '\\', '\\\\'), '%%', '\\%%'),
				                                                  '_', '\\_') || '.%%' FROM %2$s p)))"""
			.formatted(channel, this.pauses);
	}

	/**
	 * After a CTE {@code done} that moved jobs to done (returning their id): the children
	 * waiting for them, locked in id order through queue_job_dependency's primary key
	 * (parent_id, child_id), and per job moved how many of them wait.
	 */
	String waitingChildren() {
		return """
				, waiting AS (
				    SELECT d.parent_id FROM %1$s c
				    JOIN %2$s d ON d.child_id = c.id
				    JOIN done ON d.parent_id = done.id
				    WHERE c.state = 'wait_dependencies'
				    ORDER BY c.id
				    FOR UPDATE OF c
				)
				SELECT done.id, (SELECT count(*) FROM waiting w WHERE w.parent_id = done.id) FROM done
				""".formatted(this.table, this.dependencies);
	}

	/**
	 * Release the children of a job (the parameter) whose parents are all done:
	 * queue_job_dependency's primary key (parent_id, ...) and
	 * queue_job_dependency_child_idx.
	 */
	String releaseDependents() {
		return "WITH parents (id) AS (VALUES (?::bigint))\n"
				+ DependentsRelease.update(this.table, this.dependencies, "parents");
	}

	/**
	 * The distinct channels of the jobs that match a condition, read with a loose index
	 * scan: one probe per channel of an index on {@code channel} whose predicate is the
	 * condition.
	 * @param table the job table's qualified name
	 * @param condition the condition on the job's columns, unqualified
	 * @return the query, which has no parameter
	 */
	static String channelsWhere(String table, String condition) {
		return """
				WITH RECURSIVE channels AS (
				    (SELECT channel FROM %1$s WHERE %2$s ORDER BY channel LIMIT 1)
				    UNION ALL
				    SELECT (SELECT j.channel FROM %1$s j
				            WHERE j.%2$s AND j.channel > c.channel
				            ORDER BY j.channel LIMIT 1)
				    FROM channels c WHERE c.channel IS NOT NULL
				)
				SELECT channel FROM channels WHERE channel IS NOT NULL
				""".formatted(table, condition);
	}

	/**
	 * The first jobs that match a condition, in the order they run, as many as the
	 * statement's next parameter says: an ordered scan of the partial index on
	 * {@code (priority, date_created, id)} whose predicate is the condition. Ordered as
	 * the indexes are, so that no plan reads the table instead: without the order, the
	 * ready jobs were counted with a sequential scan that passed over every finished job.
	 * @param table the job table's qualified name
	 * @param condition the condition on the job's columns
	 * @return the query, which has one parameter, the limit
	 */
	static String firstInRunOrder(String table, String condition) {
		return "SELECT id, priority, date_created FROM %s WHERE %s ORDER BY priority, date_created, id LIMIT ?"
			.formatted(table, condition);
	}

	/**
	 * The condition that a session of this database holds the session advisory lock
	 * (key1, key2) taken as {@code pg_try_advisory_lock(key1, hashtext(name))}, as the
	 * runner election and the node liveness locks are.
	 * @param name the SQL expression of the hashed name; key1 is the statement's next
	 * parameter, before the name's if that is one
	 * @return the {@code EXISTS} condition
	 */
	static String sessionLockHeld(String name) {
		return """
				EXISTS (SELECT 1 FROM pg_locks l
				    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
				      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
				      AND l.classid = ?::oid
				      AND l.objid = (hashtext(%s)::bigint & 4294967295)::oid)""".formatted(name);
	}

	/**
	 * The condition that one session (its backend pid) holds the session advisory lock
	 * (key1, key2) taken as {@code pg_try_advisory_lock(key1, hashtext(name))}.
	 * @return the {@code EXISTS} condition, whose parameters are the pid, key1 and the
	 * name
	 */
	static String sessionLockHeldBy() {
		return """
				EXISTS (SELECT 1 FROM pg_locks l
				    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.pid = ?
				      AND l.classid = ?::oid AND l.objid = (hashtext(?)::bigint & 4294967295)::oid)""";
	}

	static Array array(PreparedStatement ps, String type, Collection<?> values) throws SQLException {
		return ps.getConnection().createArrayOf(type, values.toArray());
	}

	static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
