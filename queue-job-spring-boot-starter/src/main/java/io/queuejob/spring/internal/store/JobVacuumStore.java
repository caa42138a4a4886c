package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the autovacuum, which deletes finished jobs: {@code done} jobs by their
 * {@code date_done}, {@code cancelled} jobs by their {@code date_cancelled}. Failed jobs
 * and jobs in other states are never deleted. The index that serves both queries is in
 * {@code V3__vacuum.sql}.
 */
public final class JobVacuumStore {

	private final JdbcTemplate jdbc;

	private final String finishedChannels;

	private final String deleteFinished;

	private final String deleteMinutes;

	private final String foldedTo;

	/**
	 * Create the store.
	 * @param jdbc the JDBC template on the application's data source
	 * @param schema the schema of the queue-job tables
	 */
	public JobVacuumStore(JdbcTemplate jdbc, QueueJobSchema schema) {
		this.jdbc = jdbc;
		String prefix = schema.tablePrefix();
		String table = prefix + "queue_job";
		String dependency = prefix + "queue_job_dependency";
		// queue_job_finished_idx, one probe per channel
		this.finishedChannels = JobTables.channelsWhere(table, "state IN ('done', 'cancelled')");
		// queue_job_finished_idx; rows locked by another transaction (a user acting on
		// the job) are skipped, and a row changed before it was locked is checked again.
		// A cancelled job is kept while a child of it has not finished: its edge is what
		// keeps that child waiting, since a child's parents are all done when none of
		// its remaining edges leads to a parent that is not done. That check is a scalar
		// subquery, not NOT EXISTS, so that the planner probes the dependency primary
		// key per cancelled job instead of hashing the whole dependency table.
		this.deleteFinished = """
				DELETE FROM %1$s WHERE id IN (
				    SELECT j.id FROM %1$s j
				    WHERE j.state IN ('done', 'cancelled') AND j.channel = ANY (?)
				      AND (CASE WHEN j.state = 'done' THEN j.date_done ELSE j.date_cancelled END) < ?
				      AND (j.state = 'done' OR (
				          SELECT 1 FROM %2$s d JOIN %1$s c ON c.id = d.child_id
				          WHERE d.parent_id = j.id AND c.state NOT IN ('done', 'cancelled') LIMIT 1) IS NULL)
				    LIMIT ?
				    FOR UPDATE OF j SKIP LOCKED
				)
				""".formatted(table, dependency);
		// the primary key (minute, channel) of the rollup the charts read
		this.deleteMinutes = "DELETE FROM %squeue_job_minute WHERE minute < ?".formatted(prefix);
		this.foldedTo = "SELECT folded_to FROM %squeue_job_minute_watermark WHERE id = 1".formatted(prefix);
	}

	/**
	 * Delete the minutes of the per-minute rollup before an instant.
	 * @param before the first minute kept
	 * @return how many rows were deleted
	 */
	public int deleteMinutesBefore(Instant before) {
		return this.jdbc.update(this.deleteMinutes, Timestamp.from(before));
	}

	/**
	 * How far the per-minute rollup has read the jobs that ended: the jobs that ended
	 * since are still to be counted in it.
	 * @return the watermark, or {@code null} when there is none yet
	 */
	public Instant foldedTo() {
		List<Timestamp> watermark = this.jdbc.queryForList(this.foldedTo, Timestamp.class);
		return watermark.isEmpty() ? null : watermark.get(0).toInstant();
	}

	/**
	 * The channels that hold done or cancelled jobs, read with a loose index scan.
	 * @return the channel names as stored
	 */
	public List<String> finishedChannels() {
		return this.jdbc.queryForList(this.finishedChannels, String.class);
	}

	/**
	 * Delete one batch of done and cancelled jobs of some channels that finished before a
	 * deadline; their dependency edges go with them. Call it in a short transaction of
	 * its own. A cancelled job that a child still waits for (or that has a child not
	 * finished) is kept.
	 * @param channels the full channel names
	 * @param finishedBefore the deadline
	 * @param limit the most jobs to delete
	 * @return how many jobs were deleted
	 */
	public int deleteFinished(Collection<String> channels, Instant finishedBefore, int limit) {
		return this.jdbc.update(this.deleteFinished, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "varchar", channels));
			ps.setTimestamp(2, Timestamp.from(finishedBefore));
			ps.setInt(3, limit);
		});
	}

}
