package io.queuejob.spring.internal.store;

import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link RescueStore} in plain JDBC.
 */
final class JdbcRescueStore implements RescueStore {

	private final JobTables tables;

	private final JdbcTemplate jdbc;

	private final String startedWithoutLock;

	private final String rescue;

	private final String rescueSuperseded;

	JdbcRescueStore(JobTables tables) {
		this.tables = tables;
		this.jdbc = tables.jdbc();
		String table = tables.table();
		// queue_job_running_idx; the node locks are session advisory locks (key1, key2)
		this.startedWithoutLock = """
				SELECT j.id, j.uuid, j.worker, j.job_function, j.channel, j.description, j.retry, j.max_retries
				FROM %s j
				WHERE j.state = 'started' AND NOT %s
				""".formatted(table, JobTables.sessionLockHeld("j.worker"));
		String noTryLeft = "max_retries <> 0 AND retry >= max_retries";
		// the node's try, its liveness lock still free, and the runner's election lock
		// still held by the rescuing runner's session
		String deadTry = """
				j.id = ? AND j.state IS NOT DISTINCT FROM 'started' AND j.worker = ? AND j.retry = ?
				  AND NOT %s
				  AND %s""".formatted(JobTables.sessionLockHeld("j.worker"), JobTables.sessionLockHeldBy());
		this.rescue = """
				UPDATE %1$s j SET
				    state = CASE WHEN %2$s THEN 'failed' ELSE 'pending' END,
				    date_failed = CASE WHEN %2$s THEN clock_timestamp() ELSE date_failed END,
				    exc_name = CASE WHEN %2$s THEN 'JobFoundDead' ELSE exc_name END,
				    exc_message = CASE WHEN %2$s
				        THEN 'The node ' || worker || ' that ran the job died, and no try is left'
				        ELSE exc_message END,
				    result = CASE WHEN %2$s THEN result
				        ELSE 'Requeued: the node ' || worker || ' that ran the job died' END,
				    date_enqueued = CASE WHEN %2$s THEN date_enqueued END,
				    date_started = CASE WHEN %2$s THEN date_started END,
				    worker = CASE WHEN %2$s THEN worker END
				WHERE %3$s
				RETURNING j.state
				""".formatted(table, noTryLeft, deadTry);
		this.rescueSuperseded = """
				UPDATE %1$s j SET state = 'cancelled', date_cancelled = clock_timestamp(),
				    result = 'Not requeued after its node ' || j.worker || ' died: job ' || w.uuid
				        || ' with the same identity key is waiting'
				FROM %1$s w
				WHERE %2$s
				  AND w.identity_key = j.identity_key AND w.id <> j.id
				  AND w.state IN ('wait_dependencies', 'pending', 'enqueued')
				RETURNING j.state
				""".formatted(table, deadTry);
	}

	@Override
	public List<DeadJob> startedByNodesWithoutLock(int lockNamespace) {
		return this.jdbc.query(
				this.startedWithoutLock, (rs, row) -> new DeadJob(rs.getLong(1), rs.getObject(2, UUID.class),
						rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8)),
				lockNamespace);
	}

	@Override
	public JobState rescue(DeadJob job, int leaderPid) {
		Object[] parameters = { job.id(), job.worker(), job.retry(), JobTables.NODE_LOCK_NAMESPACE, leaderPid,
				JobTables.RUNNER_LOCK_NAMESPACE, this.tables.table() };
		List<String> states;
		try {
			states = this.jdbc.queryForList(this.rescue, String.class, parameters);
		}
		catch (DuplicateKeyException ex) {
			states = this.jdbc.queryForList(this.rescueSuperseded, String.class, parameters);
		}
		return states.isEmpty() ? null : JobState.fromDbValue(states.get(0));
	}

}
