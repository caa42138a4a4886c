package io.queuejob.spring.internal.operations;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.DependentsRelease;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The guarded statements of the user actions, with the schema applied: one statement per
 * action for one job or many (the uuids bound as one array), its state guard generated
 * from {@link JobAction#allowedFrom()}, the dependents cancelled or released in the same
 * statement. Each returns the uuids of the jobs it changed.
 */
final class ActionStatements {

	/** The result of a job set done by hand. */
	static final String SET_DONE_RESULT = "Manually set to done";

	private final JdbcTemplate jdbc;

	private final String lock;

	private final String lockWithWaitingChildren;

	private final Map<JobAction, String> statements = new LinkedHashMap<>();

	ActionStatements(JdbcTemplate jdbc, String tablePrefix) {
		this.jdbc = jdbc;
		String table = tablePrefix + "queue_job";
		String dependency = tablePrefix + "queue_job_dependency";
		// the unique index on uuid; in id order, so that two actions never deadlock
		this.lock = """
				SELECT q.uuid, q.state FROM %s q WHERE q.uuid = ANY (?) ORDER BY q.id FOR UPDATE
				""".formatted(table);
		// with the waiting children of the jobs, as a worker's move to done locks them:
		// whichever of a set done and a worker's move to done of two parents of one
		// child locks the child second sees the other parent done, and releases it
		this.lockWithWaitingChildren = """
				SELECT q.uuid, q.state, q.uuid = ANY (?) FROM %1$s q
				WHERE q.uuid = ANY (?)
				   OR (q.state = 'wait_dependencies'
				       AND q.id IN (SELECT d.child_id FROM %2$s d JOIN %1$s p ON p.id = d.parent_id
				                    WHERE p.uuid = ANY (?)))
				ORDER BY q.id FOR UPDATE
				""".formatted(table, dependency);
		// a requeued job that would give a second waiting job the key of one is left
		// as it is: another job holding the key waits, or an earlier job of the same
		// selection takes it
		this.statements.put(JobAction.REQUEUE, """
				UPDATE %1$s j SET state = CASE
				        WHEN EXISTS (SELECT 1 FROM %2$s d JOIN %1$s p ON p.id = d.parent_id
				                     WHERE d.child_id = j.id AND p.state <> 'done')
				        THEN 'wait_dependencies' ELSE 'pending' END,
				    retry = 0, date_enqueued = NULL, date_started = NULL, date_done = NULL, date_cancelled = NULL,
				    date_failed = NULL, exec_time_ms = NULL, worker = NULL
				WHERE j.uuid = ANY (?) AND j.state IN (%3$s)
				  AND NOT EXISTS (SELECT 1 FROM %1$s o
				                  WHERE o.identity_key = j.identity_key AND o.id <> j.id
				                    AND (o.state IN ('wait_dependencies', 'pending', 'enqueued')
				                         OR (o.uuid = ANY (?) AND o.id < j.id AND o.state IN (%3$s))))
				RETURNING j.uuid
				""".formatted(table, dependency, states(JobAction.REQUEUE)));
		this.statements.put(JobAction.CANCEL, """
				WITH RECURSIVE selected AS (
				    SELECT j.id FROM %1$s j WHERE j.uuid = ANY (?) AND j.state IN (%3$s)
				), reach (id) AS (
				    SELECT id FROM selected
				    UNION
				    SELECT d.child_id FROM reach r JOIN %2$s d ON d.parent_id = r.id
				    JOIN %1$s c ON c.id = d.child_id
				    WHERE c.state = 'wait_dependencies'
				), cancelled AS (
				    UPDATE %1$s j SET state = 'cancelled', date_cancelled = clock_timestamp()
				    FROM reach r WHERE j.id = r.id AND j.state IN (%3$s)
				    RETURNING j.id, j.uuid
				)
				SELECT c.uuid FROM cancelled c JOIN selected s ON s.id = c.id
				""".formatted(table, dependency, states(JobAction.CANCEL)));
		this.statements.put(JobAction.DONE, """
				WITH done AS (
				    UPDATE %1$s SET state = 'done', result = '%3$s', date_done = clock_timestamp()
				    WHERE uuid = ANY (?) AND state IN (%2$s)
				    RETURNING id, uuid
				), released AS (
				%4$s
				)
				SELECT uuid FROM done
				""".formatted(table, states(JobAction.DONE), SET_DONE_RESULT,
				DependentsRelease.update(table, dependency, "done")));
	}

	/**
	 * The stored values of the states an action may leave, as an SQL list.
	 */
	static String states(JobAction action) {
		return action.allowedFrom()
			.stream()
			.map((state) -> "'" + state.dbValue() + "'")
			.collect(Collectors.joining(", "));
	}

	/**
	 * Lock the given jobs and return their states; for {@link JobAction#DONE} also lock
	 * their waiting children. Workers and the runner skip locked jobs.
	 */
	Map<UUID, JobState> lock(JobAction action, Collection<UUID> uuids) {
		Map<UUID, JobState> states = new LinkedHashMap<>();
		if (action == JobAction.DONE) {
			this.jdbc.query(this.lockWithWaitingChildren, (PreparedStatement ps) -> bind(ps, uuids, 3),
					(ResultSet rs) -> {
						if (rs.getBoolean(3)) {
							states.put(rs.getObject(1, UUID.class), JobState.fromDbValue(rs.getString(2)));
						}
					});
		}
		else {
			this.jdbc.query(this.lock, (PreparedStatement ps) -> bind(ps, uuids, 1), (ResultSet rs) -> {
				states.put(rs.getObject(1, UUID.class), JobState.fromDbValue(rs.getString(2)));
			});
		}
		return states;
	}

	/**
	 * Take an action: the jobs among {@code uuids} whose state allows it change, in one
	 * statement.
	 * @return the uuids of the jobs changed
	 */
	List<UUID> perform(JobAction action, Collection<UUID> uuids) {
		String sql = this.statements.get(action);
		int arrays = (action == JobAction.REQUEUE) ? 2 : 1;
		List<UUID> changed = new ArrayList<>();
		this.jdbc.query(sql, (PreparedStatement ps) -> bind(ps, uuids, arrays),
				(RowCallbackHandler) (rs) -> changed.add(rs.getObject(1, UUID.class)));
		return changed;
	}

	private static void bind(PreparedStatement ps, Collection<UUID> uuids, int times) throws SQLException {
		Array array = ps.getConnection().createArrayOf("uuid", uuids.toArray());
		for (int i = 1; i <= times; i++) {
			ps.setArray(i, array);
		}
	}

}
