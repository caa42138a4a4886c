package io.queuejob.spring.internal.store;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link StopStore} in plain JDBC.
 */
final class JdbcStopStore implements StopStore {

	private final JdbcTemplate jdbc;

	private final String requestCancel;

	private final String cancelRequested;

	private final String cancel;

	JdbcStopStore(JobTables tables) {
		this.jdbc = tables.jdbc();
		String table = tables.table();
		this.requestCancel = """
				WITH requested AS (
				    UPDATE %s SET date_cancel_requested = clock_timestamp()
				    WHERE uuid = ? AND state = 'started'
				    RETURNING id
				)
				SELECT pg_notify('%s', '') FROM requested
				""".formatted(table, CANCEL_CHANNEL);
		this.cancelRequested = """
				SELECT uuid FROM %s WHERE state = 'started' AND worker = ? AND date_cancel_requested IS NOT NULL
				""".formatted(table);
		this.cancel = """
				WITH RECURSIVE selected AS (
				    UPDATE %1$s SET state = 'cancelled', date_cancelled = clock_timestamp(),
				        result = ?, exc_name = ?, exc_message = ?, exc_info = ?,
				        exec_time_ms = (extract(epoch FROM clock_timestamp() - date_started) * 1000)::bigint
				    WHERE id = ? AND state IS NOT DISTINCT FROM 'started' AND worker = ? AND retry = ?
				    RETURNING id
				), reach (id) AS (
				    SELECT d.child_id FROM selected s JOIN %2$s d ON d.parent_id = s.id
				    JOIN %1$s c ON c.id = d.child_id
				    WHERE c.state = 'wait_dependencies'
				    UNION
				    SELECT d.child_id FROM reach r JOIN %2$s d ON d.parent_id = r.id
				    JOIN %1$s c ON c.id = d.child_id
				    WHERE c.state = 'wait_dependencies'
				), children AS (
				    UPDATE %1$s j SET state = 'cancelled', date_cancelled = clock_timestamp()
				    FROM reach r WHERE j.id = r.id AND j.state = 'wait_dependencies'
				    RETURNING j.id
				)
				SELECT (SELECT count(*) FROM selected), (SELECT count(*) FROM children)
				""".formatted(table, tables.dependencies());
	}

	@Override
	public boolean requestCancel(UUID uuid) {
		return !this.jdbc.queryForList(this.requestCancel, uuid).isEmpty();
	}

	@Override
	public List<UUID> cancelRequested(String worker) {
		return this.jdbc.queryForList(this.cancelRequested, UUID.class, worker);
	}

	@Override
	public boolean markCancelled(ClaimedJob job, String excName, String excMessage, String excInfo) {
		Long cancelled = this.jdbc.queryForObject(this.cancel, (rs, row) -> rs.getLong(1), excMessage, excName,
				excMessage, excInfo, job.id(), job.worker(), job.retry());
		return cancelled != null && cancelled == 1;
	}

}
