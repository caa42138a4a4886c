package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobState;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@link WorkerStore} in plain JDBC.
 */
final class JdbcWorkerStore implements WorkerStore {

	private final JobTables tables;

	private final JdbcTemplate jdbc;

	private final ClaimMode mode;

	private final String countClaimable;

	private final String claim;

	private final String done;

	private final String doneAll;

	private final String releaseDependents;

	private final String retry;

	private final String supersede;

	private final String failedUpdate;

	private final String handBack;

	private final String handBackUnknownClaims;

	JdbcWorkerStore(JobTables tables, ClaimMode mode) {
		this.tables = tables;
		this.jdbc = tables.jdbc();
		this.mode = mode;
		String table = tables.table();
		// queue_job_enqueued_idx, and under direct claims queue_job_ready_idx
		this.countClaimable = mode.countClaimable(tables);
		// a job claimed from pending is enqueued when it starts, to the microsecond
		this.claim = """
				UPDATE %1$s j
				SET state = 'started', retry = j.retry + 1, date_started = c.at, worker = ?,
				    date_enqueued = CASE WHEN j.state = 'pending' THEN c.at ELSE j.date_enqueued END,
				    date_deadline = c.at + j.timeout
				FROM (%2$s) c
				WHERE j.id = c.id
				RETURNING j.id, j.uuid, j.job_function, j.args::text, j.channel, j.retry, j.max_retries, j.description,
				    (extract(epoch FROM j.timeout) * 1000)::int8, j.date_deadline, j.schedule, j.scheduled_at, j.trace_context
				"""
			.formatted(table, mode.claimable(tables));
		// A started job is found through its primary key: IS NOT DISTINCT FROM (state
		// is never null) is no index condition, so the planner cannot scan the
		// 'started' entries of queue_job_state_created_idx instead. Until a vacuum,
		// those hold a dead entry for every job started since: the batched move to
		// done read 439 pages per batch in the bench's drain, and 95 through the
		// primary key.
		String ownTry = "WHERE id = ? AND state IS NOT DISTINCT FROM 'started' AND worker = ? AND retry = ?";
		this.done = """
				WITH done AS (
				    UPDATE %1$s SET result = ?, %2$s
				    %3$s
				    RETURNING id
				)""".formatted(table, JobTables.DONE_COLUMNS, ownTry) + tables.waitingChildren();
		this.doneAll = """
				WITH outcome AS (
				    SELECT * FROM unnest(?::int8[], ?::varchar[], ?::int4[], ?::text[]) AS o (id, worker, retry, result)
				), done AS (
				    UPDATE %1$s j SET result = o.result, %2$s
				    FROM outcome o
				    WHERE j.id = o.id AND j.state IS NOT DISTINCT FROM 'started' AND j.worker = o.worker AND j.retry = o.retry
				    RETURNING j.id
				)"""
			.formatted(table, JobTables.DONE_COLUMNS) + tables.waitingChildren();
		this.releaseDependents = tables.releaseDependents();
		this.retry = """
				UPDATE %s SET state = 'pending', eta = ?, retry = ?, result = ?,
				    exc_name = ?, exc_message = ?, exc_info = ?,
				    date_enqueued = NULL, date_started = NULL, worker = NULL
				%s
				""".formatted(table, ownTry);
		this.supersede = """
				UPDATE %1$s j SET state = 'cancelled', date_cancelled = clock_timestamp(),
				    exc_name = ?, exc_message = ?, exc_info = ?,
				    result = 'Not retried: job ' || w.uuid || ' with the same identity key is waiting'
				FROM %1$s w
				WHERE j.id = ? AND j.state IS NOT DISTINCT FROM 'started' AND j.worker = ? AND j.retry = ?
				  AND w.identity_key = j.identity_key AND w.id <> j.id
				  AND w.state IN ('wait_dependencies', 'pending', 'enqueued')
				""".formatted(table);
		this.failedUpdate = """
				UPDATE %s SET state = 'failed', date_failed = clock_timestamp(), exc_name = ?, exc_message = ?, exc_info = ?
				%s
				"""
			.formatted(table, ownTry);
		this.handBack = """
				UPDATE %s SET state = 'pending', retry = retry - 1,
				    result = 'Handed back: the node ' || worker || ' ' || ?,
				    date_enqueued = NULL, date_started = NULL, worker = NULL
				%s
				""".formatted(table, ownTry);
		this.handBackUnknownClaims = """
				UPDATE %s SET state = 'pending', retry = retry - 1,
				    result = 'Handed back: claimed by ' || worker || ', whose claim was lost with its connection',
				    date_enqueued = NULL, date_started = NULL, worker = NULL
				WHERE state = 'started' AND worker = ? AND NOT (id = ANY (?))
				""".formatted(table);
	}

	@Override
	public boolean claimsReadyJobs() {
		return this.mode.direct();
	}

	@Override
	public List<ClaimedJob> claim(int max, String worker) {
		RowMapper<ClaimedJob> claimed = (rs, row) -> new ClaimedJob(rs.getLong(1), rs.getObject(2, UUID.class),
				rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), worker, rs.getString(8),
				timeout(rs.getObject(9, Long.class)), deadline(rs.getTimestamp(10)), rs.getString(11),
				JobTables.instant(rs.getTimestamp(12)), rs.getString(13));
		return this.jdbc.query(this.claim, claimed, this.mode.claimParameters(worker, max));
	}

	private static Duration timeout(Long millis) {
		return (millis != null) ? Duration.ofMillis(millis) : null;
	}

	private static Instant deadline(Timestamp deadline) {
		return (deadline != null) ? deadline.toInstant() : null;
	}

	@Override
	public int countClaimable(int cap) {
		Integer claimable = this.jdbc.queryForObject(this.countClaimable, Integer.class,
				this.mode.countClaimableParameters(cap));
		return (claimable != null) ? claimable : 0;
	}

	@Override
	public boolean markDone(ClaimedJob job, String result) {
		return !moveToDone(this.done, (PreparedStatement ps) -> {
			ps.setString(1, result);
			ps.setLong(2, job.id());
			ps.setString(3, job.worker());
			ps.setInt(4, job.retry());
		}).isEmpty();
	}

	@Override
	public Set<Long> markAllDone(List<ClaimedJob> jobs, List<String> results) {
		return moveToDone(this.doneAll, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "int8", jobs.stream().map(ClaimedJob::id).toList()));
			ps.setArray(2, JobTables.array(ps, "varchar", jobs.stream().map(ClaimedJob::worker).toList()));
			ps.setArray(3, JobTables.array(ps, "int4", jobs.stream().map(ClaimedJob::retry).toList()));
			ps.setArray(4, JobTables.array(ps, "text", results));
		});
	}

	/**
	 * Run a move to done ({@link #done} or {@link #doneAll}) and release the dependents
	 * of the jobs moved that waited for them.
	 */
	private Set<Long> moveToDone(String sql, PreparedStatementSetter parameters) {
		Set<Long> done = new HashSet<>();
		List<Long> parents = new ArrayList<>();
		this.jdbc.query(sql, parameters, (rs) -> {
			done.add(rs.getLong(1));
			if (rs.getInt(2) > 0) {
				parents.add(rs.getLong(1));
			}
		});
		int released = 0;
		for (Long parent : parents) {
			released += this.jdbc.update(this.releaseDependents, parent);
		}
		if (released > 0 && this.mode.direct()) {
			// no finished job wakes a runner or another node's workers under direct
			// claims: the released jobs are theirs, with an eta or without. Only a
			// job that released children notifies in its transaction
			notify(JobStores.RUNNER_CHANNEL);
		}
		return done;
	}

	@Override
	public JobState markRetry(ClaimedJob job, Instant eta, int retry, String message, String excName, String excInfo) {
		try {
			if (this.jdbc.update(this.retry, JobTables.timestamp(eta), retry, message, excName, message, excInfo,
					job.id(), job.worker(), job.retry()) != 1) {
				return null;
			}
			if (this.mode.direct()) {
				// no finished job wakes the runner under direct claims: tell it of
				// the new eta
				notify(JobStores.RUNNER_CHANNEL);
			}
			return JobState.PENDING;
		}
		catch (DuplicateKeyException ex) {
			return (this.jdbc.update(this.supersede, excName, message, excInfo, job.id(), job.worker(),
					job.retry()) == 1) ? JobState.CANCELLED : null;
		}
	}

	@Override
	public boolean markFailed(ClaimedJob job, String excName, String excMessage, String excInfo) {
		return this.jdbc.update(this.failedUpdate, excName, excMessage, excInfo, job.id(), job.worker(),
				job.retry()) == 1;
	}

	@Override
	public boolean handBack(ClaimedJob job, String reason) {
		return this.jdbc.update(this.handBack, reason, job.id(), job.worker(), job.retry()) == 1;
	}

	@Override
	public int handBackUnknownClaims(String worker, Collection<Long> running) {
		return this.jdbc.update(this.handBackUnknownClaims, (PreparedStatement ps) -> {
			ps.setString(1, worker);
			ps.setArray(2, JobTables.array(ps, "int8", List.copyOf(running)));
		});
	}

	@Override
	public void notify(String channel) {
		this.tables.notify(channel);
	}

}
