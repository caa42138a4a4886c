package io.queuejob.spring.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.queuejob.core.JobState;
import io.queuejob.core.channel.Candidate;
import io.queuejob.core.channel.CandidateWindow;
import io.queuejob.core.channel.ChannelLoad;
import io.queuejob.core.channel.WindowRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

/**
 * The hot paths of the job store, in plain JDBC: insert, the runner's queries, claim and
 * complete. Every state change is guarded by the state it leaves; a worker's outcome is
 * also guarded by the worker and the try it belongs to, so a late completion never
 * overwrites what happened meanwhile.
 */
public final class JdbcJobStore {

	/** The notification channel that tells the runner something changed. */
	public static final String RUNNER_CHANNEL = "queue_job";

	/** The notification channel that tells the workers jobs were enqueued. */
	public static final String WORKERS_CHANNEL = "queue_job_enqueued";

	private static final int ROUND_LOCK_NAMESPACE = 0x716A;

	/** The first key of the runner's election lock, held by its listener session. */
	private static final int RUNNER_LOCK_NAMESPACE = 0x716A;

	/** The first key of the nodes' liveness locks, held by their listener sessions. */
	private static final int NODE_LOCK_NAMESPACE = 0x716B;

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private final JdbcTemplate jdbc;

	private final Sql sql;

	private final boolean directClaims;

	private final String notificationPayload = UUID.randomUUID().toString();

	/**
	 * Create a store whose workers claim only the jobs the runner enqueued.
	 * @param jdbc the JDBC template on the application's data source
	 * @param schema the schema of the queue-job tables, or {@code null} for the
	 * connection's current schema
	 */
	public JdbcJobStore(JdbcTemplate jdbc, String schema) {
		this(jdbc, schema, false);
	}

	/**
	 * Create a store.
	 * @param jdbc the JDBC template on the application's data source
	 * @param schema the schema of the queue-job tables, or {@code null} for the
	 * connection's current schema
	 * @param directClaims whether the workers also claim the ready pending jobs (no eta)
	 * themselves, leaving the runner only the jobs with an eta: for channels that limit
	 * nothing, where the runner would enqueue every job anyway
	 */
	public JdbcJobStore(JdbcTemplate jdbc, String schema, boolean directClaims) {
		this.jdbc = jdbc;
		this.directClaims = directClaims;
		this.sql = new Sql(tablePrefix(schema), directClaims);
	}

	/**
	 * Whether the workers claim the ready pending jobs themselves: a pending job without
	 * an eta is then never enqueued by the runner, which plans only the jobs with an eta.
	 * @return {@code true} for direct claims
	 */
	public boolean directClaims() {
		return this.directClaims;
	}

	/**
	 * The payload of the notifications this store sends, unique to it: this node's
	 * listener can tell them from the other nodes', whose it must pass on when this node
	 * wakes its own runner or workers in memory.
	 * @return the payload
	 */
	public String notificationPayload() {
		return this.notificationPayload;
	}

	/**
	 * The channel to notify when jobs were stored or put back to pending: the workers'
	 * for a ready job under direct claims, else the runners'.
	 * @param state the jobs' state
	 * @param eta the jobs' eta, or {@code null}
	 * @return {@link #WORKERS_CHANNEL} or {@link #RUNNER_CHANNEL}
	 */
	public String channelToNotify(JobState state, Instant eta) {
		return (this.directClaims && state == JobState.PENDING && eta == null) ? WORKERS_CHANNEL : RUNNER_CHANNEL;
	}

	/**
	 * The prefix that qualifies the queue-job tables with their schema.
	 * @param schema the schema, or {@code null} or blank for the connection's current
	 * schema
	 * @return {@code "schema."}, or an empty string
	 * @throws IllegalArgumentException if the schema is not a plain SQL identifier
	 */
	public static String tablePrefix(String schema) {
		if (schema == null || schema.isBlank()) {
			return "";
		}
		if (!IDENTIFIER.matcher(schema).matches()) {
			throw new IllegalArgumentException(
					"queue-job.schema must be a plain SQL identifier (letters, digits, _), got '" + schema + "'");
		}
		return schema + ".";
	}

	/**
	 * Insert a job and notify the runners, or under direct claims the workers when the
	 * job is ready ({@link #channelToNotify}), who hear of it when the transaction
	 * commits. A job with an identity key that a waiting job already holds is not
	 * inserted.
	 * @param job the job
	 * @return the id of the new job, or {@code null} if a job with the same identity key
	 * is waiting
	 */
	public Long insert(NewJob job) {
		List<Long> ids = this.jdbc.query(this.sql.insert, (ps) -> bindInsert(ps, job), (rs, row) -> rs.getLong(1));
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * The waiting job that holds an identity key.
	 * @param identityKey the key
	 * @return the job, or {@code null} if no waiting job holds it
	 */
	public WaitingJob findWaitingByIdentityKey(String identityKey) {
		List<WaitingJob> jobs = this.jdbc.query(this.sql.waitingByIdentityKey,
				(rs, row) -> new WaitingJob(rs.getLong(1), rs.getObject(2, UUID.class)), identityKey);
		return jobs.isEmpty() ? null : jobs.get(0);
	}

	/**
	 * Take a waiting job with an identity key into a graph: it joins the graph (unless it
	 * belongs to one already) and, when it gains parents, waits for them. The job stays
	 * locked until the transaction ends, so that it cannot start (workers skip it) nor
	 * finish before its new dependencies are committed. Call it in a transaction.
	 * @param identityKey the key
	 * @param graphUuid the graph's uuid
	 * @param gainsParents whether the job gets parents in the graph
	 * @return the job, or {@code null} if no waiting job holds the key (any more)
	 */
	public WaitingJob holdWaitingByIdentityKey(String identityKey, UUID graphUuid, boolean gainsParents) {
		List<WaitingJob> jobs = this.jdbc.query(this.sql.holdWaitingByIdentityKey,
				(rs, row) -> new WaitingJob(rs.getLong(1), rs.getObject(2, UUID.class)), graphUuid, gainsParents,
				identityKey);
		return jobs.isEmpty() ? null : jobs.get(0);
	}

	/**
	 * Insert many pending jobs of one function with the same options, with one statement
	 * per batch. Jobs whose identity key a waiting job (or an earlier job of the same
	 * batch) holds are not inserted.
	 * @param template the options shared by all the jobs; its uuid, arguments and
	 * identity key are ignored
	 * @param argumentsJson the arguments of each job
	 * @param identityKeys the identity key of each job ({@code null} elements for none),
	 * or {@code null} for no keys at all
	 * @return how many jobs were inserted
	 */
	public int insertAll(NewJob template, List<String> argumentsJson, List<String> identityKeys) {
		return this.jdbc.update(this.sql.insertAll, (PreparedStatement ps) -> {
			ps.setString(1, template.state().dbValue());
			ps.setString(2, template.channel());
			ps.setInt(3, template.priority());
			ps.setObject(4, toTimestamp(template.eta()));
			ps.setInt(5, template.maxRetries());
			ps.setString(6, template.jobFunction());
			ps.setString(7, template.description());
			ps.setString(8, template.createdBy());
			ps.setArray(9, array(ps, "text", argumentsJson));
			ps.setArray(10, array(ps, "varchar",
					(identityKeys != null) ? identityKeys : Collections.nCopies(argumentsJson.size(), null)));
		});
	}

	/**
	 * Record that a job waits for another.
	 * @param parentId the job waited for
	 * @param childId the waiting job
	 */
	public void insertDependency(long parentId, long childId) {
		this.jdbc.update(this.sql.insertDependency, parentId, childId);
	}

	private void bindInsert(PreparedStatement ps, NewJob job) throws SQLException {
		ps.setObject(1, job.uuid());
		ps.setObject(2, job.graphUuid());
		ps.setString(3, job.state().dbValue());
		ps.setString(4, job.channel());
		ps.setInt(5, job.priority());
		ps.setObject(6, toTimestamp(job.eta()));
		ps.setInt(7, job.maxRetries());
		ps.setString(8, job.jobFunction());
		ps.setString(9, job.argumentsJson());
		ps.setString(10, job.description());
		ps.setString(11, job.identityKey());
		ps.setString(12, job.createdBy());
		ps.setString(13, channelToNotify(job.state(), job.eta()));
		ps.setString(14, this.notificationPayload);
	}

	/**
	 * Send a notification; it is delivered when the current transaction commits.
	 * @param channel {@link #RUNNER_CHANNEL} or {@link #WORKERS_CHANNEL}
	 */
	public void notify(String channel) {
		this.jdbc.query("SELECT pg_notify(?, ?)", (rs) -> {
		}, channel, this.notificationPayload);
	}

	/**
	 * What identifies this queue-job installation in advisory lock keys: the qualified
	 * name of its table.
	 * @return the lock name
	 */
	public String lockName() {
		return this.sql.table;
	}

	/**
	 * Take the runner's round lock for the current transaction, if no other runner holds
	 * it. Call it in a transaction: the lock is released when the transaction ends.
	 * @param leaderPid the backend pid of the listener session through which this node
	 * holds the runner's election lock: the round lock is taken only while that session
	 * still holds it, so that a runner that lost its session plans nothing; {@code 0}
	 * when no election applies
	 * @param idleLimit how long the transaction may stand idle before the server ends it
	 * and releases the round lock (a runner frozen in a round must not stop the next
	 * runner from planning), or {@link Duration#ZERO} for no limit
	 * @return whether the lock was taken
	 */
	public boolean tryRoundLock(int leaderPid, Duration idleLimit) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(this.sql.roundLock, Boolean.class,
				Long.toString(idleLimit.toMillis()), ROUND_LOCK_NAMESPACE, this.sql.table + ":round", leaderPid,
				leaderPid, RUNNER_LOCK_NAMESPACE, this.sql.table));
	}

	/**
	 * What occupies the channels now.
	 * @param sequentialChannels the full names of the sequential channels, whose failed
	 * jobs count
	 * @return the running jobs per channel and the failed jobs of sequential channels
	 */
	public ChannelLoad load(Collection<String> sequentialChannels) {
		Map<String, Integer> running = new HashMap<>();
		this.jdbc.query(this.sql.running, (rs) -> {
			running.put(rs.getString(1), rs.getInt(2));
		});
		Map<String, Integer> failed = new HashMap<>();
		if (!sequentialChannels.isEmpty()) {
			List<String> prefixes = sequentialChannels.stream().map((name) -> escapeLike(name) + ".%").toList();
			this.jdbc.query(this.sql.failed, (PreparedStatement ps) -> {
				ps.setArray(1, array(ps, "varchar", sequentialChannels));
				ps.setArray(2, array(ps, "varchar", prefixes));
			}, (rs) -> {
				failed.put(rs.getString(1), rs.getInt(2));
			});
		}
		return new ChannelLoad(running, failed);
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
	 * {@code (priority, date_created, id)} whose predicate is the condition.
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

	/**
	 * Escape a text for a {@code LIKE} pattern: the wildcards {@code %} and {@code _} and
	 * the escape character, a backslash, so that the text matches itself only.
	 * @param text the text to match literally
	 * @return the escaped text
	 */
	public static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * The channels that have pending jobs, read with a loose index scan so that it costs
	 * a few index probes per channel whatever the backlog.
	 * @return the channel names as stored
	 */
	public List<String> pendingChannels() {
		return this.jdbc.queryForList(this.sql.pendingChannels, String.class);
	}

	/**
	 * Load the candidate windows the runner asked for.
	 * @param requests the window request per channel; channels with a limit of 0 are
	 * skipped
	 * @param now the current instant
	 * @return the windows, per channel
	 */
	public Map<String, CandidateWindow> windows(Map<String, WindowRequest> requests, Instant now) {
		List<String> channels = new ArrayList<>();
		List<Integer> limits = new ArrayList<>();
		List<Boolean> includeNotDue = new ArrayList<>();
		requests.forEach((channel, request) -> {
			if (request.limit() > 0) {
				channels.add(channel);
				limits.add(request.limit());
				includeNotDue.add(request.includeNotDue());
			}
		});
		Map<String, List<Candidate>> jobs = new LinkedHashMap<>();
		Map<String, Instant> nextEtas = new HashMap<>();
		if (!channels.isEmpty()) {
			Timestamp at = toTimestamp(now);
			// one statement, one round trip: the candidates, then a row per channel
			// with its next eta and no job
			this.jdbc.query(this.sql.windows, (PreparedStatement ps) -> {
				ps.setArray(1, array(ps, "varchar", channels));
				ps.setArray(2, array(ps, "int4", limits));
				ps.setArray(3, array(ps, "bool", includeNotDue));
				ps.setTimestamp(4, at);
				ps.setTimestamp(5, at);
			}, (rs) -> {
				if (rs.getObject(2) != null) {
					jobs.computeIfAbsent(rs.getString(1), (c) -> new ArrayList<>()).add(CANDIDATE.mapRow(rs, 0));
				}
				else {
					nextEtas.put(rs.getString(1), rs.getTimestamp(6).toInstant());
				}
			});
		}
		Map<String, CandidateWindow> windows = new LinkedHashMap<>();
		for (int i = 0; i < channels.size(); i++) {
			String channel = channels.get(i);
			List<Candidate> loaded = jobs.getOrDefault(channel, List.of());
			boolean complete = loaded.size() <= limits.get(i);
			List<Candidate> window = complete ? loaded : loaded.subList(0, limits.get(i));
			windows.put(channel, new CandidateWindow(window, complete, nextEtas.get(channel)));
		}
		return windows;
	}

	private static final RowMapper<Candidate> CANDIDATE = (rs, row) -> {
		Timestamp eta = rs.getTimestamp(6);
		return new Candidate(rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant(),
				(eta != null) ? eta.toInstant() : null);
	};

	static Array array(PreparedStatement ps, String type, Collection<?> values) throws SQLException {
		return ps.getConnection().createArrayOf(type, values.toArray());
	}

	/**
	 * How many jobs are enqueued, waiting for a worker, counted up to a cap. Costs at
	 * most that many index entries, whatever the backlog.
	 * @param cap the most jobs to count
	 * @return the number of enqueued jobs, or {@code cap} if there are more
	 */
	public int countEnqueued(int cap) {
		Integer enqueued = this.jdbc.queryForObject(this.sql.countEnqueued, Integer.class, cap);
		return (enqueued != null) ? enqueued : 0;
	}

	/**
	 * How many jobs the workers may claim, counted up to a cap: the enqueued jobs and,
	 * under direct claims, the ready pending ones. Costs at most twice that many index
	 * entries, whatever the backlog.
	 * @param cap the most jobs to count of each kind
	 * @return the number of claimable jobs; {@code cap} or more if there are that many
	 */
	public int countClaimable(int cap) {
		Integer claimable = this.directClaims
				? this.jdbc.queryForObject(this.sql.countClaimable, Integer.class, cap, cap)
				: this.jdbc.queryForObject(this.sql.countClaimable, Integer.class, cap);
		return (claimable != null) ? claimable : 0;
	}

	/**
	 * Move pending jobs to enqueued and, if any moved, notify the workers on
	 * {@link #WORKERS_CHANNEL}, in the same statement: the notification is delivered when
	 * the current transaction commits.
	 * @param ids the jobs' ids
	 * @return how many moved; a job that left {@code pending} meanwhile, or that another
	 * transaction holds locked, does not
	 */
	public int enqueue(List<Long> ids) {
		Integer moved = this.jdbc.query(this.sql.enqueue, (PreparedStatement ps) -> {
			ps.setArray(1, array(ps, "int8", ids));
			ps.setString(2, WORKERS_CHANNEL);
			ps.setString(3, this.notificationPayload);
		}, (rs) -> rs.next() ? rs.getInt(1) : 0);
		return (moved != null) ? moved : 0;
	}

	/**
	 * Claim enqueued jobs for a worker, and under direct claims ready pending jobs too,
	 * in the order they run: they become {@code started}, their try counted. Jobs locked
	 * by another worker are skipped.
	 * @param max the most jobs to claim
	 * @param worker the claiming node
	 * @return the claimed jobs
	 */
	public List<ClaimedJob> claim(int max, String worker) {
		RowMapper<ClaimedJob> claimed = (rs, row) -> new ClaimedJob(rs.getLong(1), rs.getObject(2, UUID.class),
				rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), worker, rs.getString(8));
		return this.directClaims ? this.jdbc.query(this.sql.claim, claimed, worker, max, max, max)
				: this.jdbc.query(this.sql.claim, claimed, worker, max);
	}

	/**
	 * Mark a claimed job done and release the dependents whose parents are now all done.
	 * Call it in a transaction: the waiting children are locked (in id order) with the
	 * move to done, so that when two parents finish at once, the second release sees the
	 * first parent done. A job without dependents costs one statement. Under direct
	 * claims, a job that releases children notifies the runners' channel, at its commit.
	 * @param job the job, as claimed
	 * @param result the result text, or {@code null}
	 * @return {@code false} if the job is no longer this worker's try (rescued, or
	 * changed by a user)
	 */
	public boolean markDone(ClaimedJob job, String result) {
		return !moveToDone(this.sql.done, (PreparedStatement ps) -> {
			ps.setString(1, result);
			ps.setLong(2, job.id());
			ps.setString(3, job.worker());
			ps.setInt(4, job.retry());
		}).isEmpty();
	}

	/**
	 * Mark claimed jobs done with one statement, and release the dependents whose parents
	 * are now all done. Call it in a transaction, as {@link #markDone}.
	 * @param jobs the jobs, as claimed
	 * @param results the result text of each job ({@code null} elements for none)
	 * @return the ids of the jobs marked done; the others are no longer their worker's
	 * try (rescued, or changed by a user)
	 */
	public Set<Long> markAllDone(List<ClaimedJob> jobs, List<String> results) {
		return moveToDone(this.sql.doneAll, (PreparedStatement ps) -> {
			ps.setArray(1, array(ps, "int8", jobs.stream().map(ClaimedJob::id).toList()));
			ps.setArray(2, array(ps, "varchar", jobs.stream().map(ClaimedJob::worker).toList()));
			ps.setArray(3, array(ps, "int4", jobs.stream().map(ClaimedJob::retry).toList()));
			ps.setArray(4, array(ps, "text", results));
		});
	}

	/**
	 * Run a move to done ({@link Sql#done} or {@link Sql#doneAll}) and release the
	 * dependents of the jobs moved that waited for them.
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
			released += this.jdbc.update(this.sql.releaseDependents, parent);
		}
		if (released > 0 && this.directClaims) {
			// no finished job wakes a runner or another node's workers under direct
			// claims: the released jobs are theirs, with an eta or without. Only a
			// job that released children notifies in its transaction
			notify(RUNNER_CHANNEL);
		}
		return done;
	}

	/**
	 * Put a claimed job back to pending for a later try. A job with an identity key
	 * cannot wait again while a newer job with the same key waits (it was created while
	 * this one ran): it is then cancelled, its result naming the waiting job, which does
	 * the work instead.
	 * @param job the job, as claimed
	 * @param eta when to try again
	 * @param retry the try count to store (one less when the try did not count)
	 * @param message why, stored as result
	 * @param excName the exception class
	 * @param excInfo the stack trace
	 * @return {@link JobState#PENDING}, {@link JobState#CANCELLED} when a newer job with
	 * the same key waits, or {@code null} if the job is no longer this worker's try
	 */
	public JobState markRetry(ClaimedJob job, Instant eta, int retry, String message, String excName, String excInfo) {
		try {
			if (this.jdbc.update(this.sql.retry, toTimestamp(eta), retry, message, excName, message, excInfo, job.id(),
					job.worker(), job.retry()) != 1) {
				return null;
			}
			if (this.directClaims) {
				// no finished job wakes the runner under direct claims: tell it of
				// the new eta
				notify(RUNNER_CHANNEL);
			}
			return JobState.PENDING;
		}
		catch (DuplicateKeyException ex) {
			return (this.jdbc.update(this.sql.supersede, excName, message, excInfo, job.id(), job.worker(),
					job.retry()) == 1) ? JobState.CANCELLED : null;
		}
	}

	/**
	 * Mark a claimed job failed.
	 * @param job the job, as claimed
	 * @param excName the exception class
	 * @param excMessage the exception message
	 * @param excInfo the stack trace
	 * @return {@code false} if the job is no longer this worker's try
	 */
	public boolean markFailed(ClaimedJob job, String excName, String excMessage, String excInfo) {
		return this.jdbc.update(this.sql.failedUpdate, excName, excMessage, excInfo, job.id(), job.worker(),
				job.retry()) == 1;
	}

	/**
	 * Hand a claimed job back to pending because its node cannot run it to its end (it is
	 * stopping, or it is fenced): the try does not count, and the job may run on another
	 * node at once.
	 * @param job the job, as claimed
	 * @param reason what the node did or could not do, after its name, stored as result
	 * (such as "stopped before the job ended")
	 * @return {@code false} if the job is no longer this worker's try
	 */
	public boolean handBack(ClaimedJob job, String reason) {
		return this.jdbc.update(this.sql.handBack, reason, job.id(), job.worker(), job.retry()) == 1;
	}

	/**
	 * Hand back the jobs started under a worker's name that the worker does not run: a
	 * claim whose answer was lost with its connection committed them, and the worker
	 * never learned of them. Their try does not count.
	 * @param worker the worker
	 * @param running the ids of the jobs the worker runs
	 * @return how many jobs were handed back
	 */
	public int handBackUnknownClaims(String worker, Collection<Long> running) {
		return this.jdbc.update(this.sql.handBackUnknownClaims, (PreparedStatement ps) -> {
			ps.setString(1, worker);
			ps.setArray(2, array(ps, "int8", List.copyOf(running)));
		});
	}

	/**
	 * The started jobs whose node does not hold its liveness lock: the node died, or its
	 * listener connection did.
	 * @param lockNamespace the first key of the nodes' liveness locks
	 * @return the jobs, with their node
	 */
	public List<DeadJob> startedByNodesWithoutLock(int lockNamespace) {
		return this.jdbc.query(
				this.sql.startedWithoutLock, (rs, row) -> new DeadJob(rs.getLong(1), rs.getObject(2, UUID.class),
						rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8)),
				lockNamespace);
	}

	/**
	 * Put a job whose node died back to pending, or fail it with {@code JobFoundDead}
	 * when it has no tries left. A keyed job whose key a newer waiting job holds is
	 * cancelled instead. Guarded by the job's state, node and try, by the node's liveness
	 * lock being still free, and by the runner's election lock being still held by the
	 * rescuing runner's listener session: a runner that lost its session rescues nothing.
	 * @param job the job
	 * @param leaderPid the backend pid of the listener session through which the rescuing
	 * node holds the runner's election lock
	 * @return the state it went to, or {@code null} if it was no longer started by that
	 * node in that try, its node is back, or the runner is no longer this one
	 */
	public JobState rescue(DeadJob job, int leaderPid) {
		Object[] parameters = { job.id(), job.worker(), job.retry(), NODE_LOCK_NAMESPACE, leaderPid,
				RUNNER_LOCK_NAMESPACE, this.sql.table };
		List<String> states;
		try {
			states = this.jdbc.queryForList(this.sql.rescue, String.class, parameters);
		}
		catch (DuplicateKeyException ex) {
			states = this.jdbc.queryForList(this.sql.rescueSuperseded, String.class, parameters);
		}
		return states.isEmpty() ? null : JobState.fromDbValue(states.get(0));
	}

	/**
	 * A started job whose node is gone.
	 *
	 * @param id the job's id
	 * @param uuid the job's uuid
	 * @param worker the node that started it
	 * @param jobFunction the job function name
	 * @param channel the job's channel
	 * @param description the job's description, or {@code null}
	 * @param retry the tries counted so far
	 * @param maxRetries total tries allowed; 0 means unlimited
	 */
	public record DeadJob(long id, UUID uuid, String worker, String jobFunction, String channel, String description,
			int retry, int maxRetries) {
	}

	/**
	 * The state of a job.
	 * @param uuid the job's uuid
	 * @return its state, or {@code null} if there is no such job
	 */
	public JobState state(UUID uuid) {
		List<JobState> states = this.jdbc.query(this.sql.state, (rs, row) -> JobState.fromDbValue(rs.getString(1)),
				uuid);
		return states.isEmpty() ? null : states.get(0);
	}

	/**
	 * A job that waits with an identity key.
	 *
	 * @param id the job's id
	 * @param uuid the job's uuid
	 */
	public record WaitingJob(long id, UUID uuid) {
	}

	private static Timestamp toTimestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * The SQL of the store, with the schema applied. The indexes that serve each query
	 * are in {@code V1__queue_job.sql}.
	 */
	private static final class Sql {

		final String insert;

		final String waitingByIdentityKey;

		final String holdWaitingByIdentityKey;

		final String insertAll;

		final String running;

		final String failed;

		final String pendingChannels;

		final String windows;

		final String enqueue;

		final String countEnqueued;

		final String countClaimable;

		final String claim;

		final String done;

		final String doneAll;

		final String retry;

		final String failedUpdate;

		final String supersede;

		final String startedWithoutLock;

		final String handBack;

		final String handBackUnknownClaims;

		final String rescue;

		final String rescueSuperseded;

		final String state;

		final String roundLock;

		final String insertDependency;

		final String releaseDependents;

		final String table;

		Sql(String prefix, boolean directClaims) {
			String table = prefix + "queue_job";
			this.table = table;
			String dependency = prefix + "queue_job_dependency";
			this.insertDependency = """
					INSERT INTO %s (parent_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING
					""".formatted(dependency);
			// queue_job_dependency primary key (parent_id, ...) and
			// queue_job_dependency_child_idx
			this.releaseDependents = "WITH parents (id) AS (VALUES (?::bigint))\n"
					+ DependentsRelease.update(table, dependency, "parents");
			// the notification rides on the insert: one round trip less per job
			this.insert = """
					WITH inserted AS (
					    INSERT INTO %s (uuid, graph_uuid, state, channel, priority, eta, max_retries, job_function,
					                    args, description, identity_key, created_by)
					    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
					    ON CONFLICT (identity_key)
					        WHERE identity_key IS NOT NULL AND state IN ('wait_dependencies', 'pending', 'enqueued')
					        DO NOTHING
					    RETURNING id
					)
					SELECT id, pg_notify(?, ?) FROM inserted
					""".formatted(table);
			// queue_job_identity_key_idx; the update locks the row until commit
			this.holdWaitingByIdentityKey = """
					UPDATE %s SET graph_uuid = coalesce(graph_uuid, ?),
					    state = CASE WHEN ? THEN 'wait_dependencies' ELSE state END
					WHERE identity_key = ? AND state IN ('wait_dependencies', 'pending', 'enqueued')
					RETURNING id, uuid
					""".formatted(table);
			this.insertAll = """
					INSERT INTO %s (uuid, state, channel, priority, eta, max_retries, job_function,
					                description, created_by, args, identity_key)
					SELECT gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, a.args::jsonb, a.identity_key
					FROM unnest(?::text[], ?::varchar[]) WITH ORDINALITY AS a (args, identity_key, n)
					ORDER BY a.n
					ON CONFLICT (identity_key)
					    WHERE identity_key IS NOT NULL AND state IN ('wait_dependencies', 'pending', 'enqueued')
					    DO NOTHING
					""".formatted(table);
			this.waitingByIdentityKey = """
					SELECT id, uuid FROM %s
					WHERE identity_key = ? AND state IN ('wait_dependencies', 'pending', 'enqueued')
					""".formatted(table);
			// queue_job_running_idx
			this.running = """
					SELECT channel, count(*) FROM %s WHERE state IN ('enqueued', 'started') GROUP BY channel
					""".formatted(table);
			// queue_job_failed_idx
			this.failed = """
					SELECT channel, count(*) FROM %s
					WHERE state = 'failed' AND (channel = ANY (?) OR channel LIKE ANY (?))
					GROUP BY channel
					""".formatted(table);
			// queue_job_pending_idx, one probe per channel; under direct claims
			// queue_job_pending_eta_idx, the runner planning only jobs with an eta
			this.pendingChannels = directClaims ? channelsWhere(table, "state = 'pending' AND eta IS NOT NULL")
					: channelsWhere(table, "state = 'pending'");
			// queue_job_pending_idx, the candidates: one more row than the limit
			// tells whether the window is complete; then
			// queue_job_pending_eta_idx, one probe per channel for its next eta.
			// Under direct claims no channel limits anything, so the due jobs are
			// read in eta order from queue_job_pending_eta_idx (the ready ones are
			// the workers'), and every one of them is enqueued
			String candidates = directClaims ? """
					WHERE q.state = 'pending' AND q.channel = w.channel AND q.eta <= ? AND NOT w.include_not_due
					ORDER BY q.eta""" : """
					WHERE q.state = 'pending' AND q.channel = w.channel
					  AND (w.include_not_due OR q.eta IS NULL OR q.eta <= ?)
					ORDER BY q.priority, q.date_created, q.id""";
			this.windows = """
					WITH w AS (
					    SELECT * FROM unnest(?::varchar[], ?::int4[], ?::bool[]) AS w (channel, lim, include_not_due)
					)
					SELECT w.channel, j.id, j.channel, j.priority, j.date_created, j.eta
					FROM w CROSS JOIN LATERAL (
					    SELECT q.id, q.channel, q.priority, q.date_created, q.eta FROM %1$s q
					%2$s
					    LIMIT w.lim + 1
					) j
					UNION ALL
					SELECT w.channel, NULL, NULL, NULL, NULL, e.eta
					FROM w CROSS JOIN LATERAL (
					    SELECT q.eta FROM %1$s q
					    WHERE q.state = 'pending' AND q.channel = w.channel AND q.eta > ?
					    ORDER BY q.eta LIMIT 1
					) e
					""".formatted(table, candidates);
			// a job locked by an enqueuing transaction (a keyed job taken into
			// a graph) is skipped rather than waited for: the runner never waits
			// on a caller. The locked ids drive a join on the primary key: with
			// "id IN (subquery)" the planner, misled by statistics older than a
			// bulk enqueue, joined the pending index against the subquery in a
			// nested loop (800 ms for 1,000 jobs on a 20,000-job backlog,
			// measured with auto_explain)
			this.enqueue = """
					WITH locked AS (
					    SELECT id FROM %1$s WHERE id = ANY (?) AND state = 'pending' FOR UPDATE SKIP LOCKED
					), moved AS (
					    UPDATE %1$s j SET state = 'enqueued', date_enqueued = clock_timestamp()
					    FROM locked WHERE j.id = locked.id AND j.state = 'pending'
					    RETURNING 1
					)
					SELECT n::int FROM (SELECT count(*) AS n FROM moved) m
					LEFT JOIN LATERAL (SELECT pg_notify(?, ?) WHERE m.n > 0) notified ON true
					""".formatted(table);
			// queue_job_enqueued_idx and queue_job_ready_idx: the first jobs of a
			// kind in the order they run. Ordered as the indexes are, so that no
			// plan reads the table instead: without the order, the ready jobs were
			// counted with a sequential scan that passed over every finished job
			String enqueued = firstInRunOrder(table, "state = 'enqueued'");
			String ready = firstInRunOrder(table, "state = 'pending' AND eta IS NULL");
			this.countEnqueued = "SELECT count(*) FROM (" + enqueued + ") e";
			this.countClaimable = directClaims ? "SELECT count(*) FROM ((" + enqueued + ") UNION ALL (" + ready + ")) e"
					: this.countEnqueued;
			// Under direct claims, the ready pending jobs are enqueued and started
			// in one step. Each kind is locked up to the limit, then the first of
			// both are taken: the others stay locked until the claim commits.
			// Without a limit of its own, a branch locked every row it could
			// (PostgreSQL plans no lazy Merge Append over locking subqueries)
			String claimable = directClaims ? """
					SELECT id, clock_timestamp() AS at FROM (
					    SELECT * FROM (%s FOR UPDATE SKIP LOCKED) e
					    UNION ALL
					    SELECT * FROM (%s FOR UPDATE SKIP LOCKED) r
					) c
					ORDER BY priority, date_created, id
					LIMIT ?""".formatted(enqueued, ready)
					: "SELECT id, clock_timestamp() AS at FROM (" + enqueued + " FOR UPDATE SKIP LOCKED) c";
			// a job claimed from pending is enqueued when it starts, to the
			// microsecond
			this.claim = """
					UPDATE %1$s j
					SET state = 'started', retry = j.retry + 1, date_started = c.at, worker = ?,
					    date_enqueued = CASE WHEN j.state = 'pending' THEN c.at ELSE j.date_enqueued END
					FROM (%2$s) c
					WHERE j.id = c.id
					RETURNING j.id, j.uuid, j.job_function, j.args::text, j.channel, j.retry, j.max_retries, j.description
					"""
				.formatted(table, claimable);
			// A started job is found through its primary key: IS NOT DISTINCT FROM
			// (state is never null) is no index condition, so the planner cannot
			// scan the 'started' entries of queue_job_state_created_idx instead.
			// Until a vacuum, those hold a dead entry for every job started since:
			// the batched move to done read 439 pages per batch in the bench's
			// drain, and 95 through the primary key.
			String ownTry = "WHERE id = ? AND state IS NOT DISTINCT FROM 'started' AND worker = ? AND retry = ?";
			// what a move to done sets, then the children waiting for the jobs
			// moved (the CTE "done"), locked in id order through
			// queue_job_dependency's primary key (parent_id, child_id), and per
			// job moved how many of them wait
			String doneColumns = """
					state = 'done', date_done = clock_timestamp(),
					    exc_name = NULL, exc_message = NULL, exc_info = NULL,
					    exec_time_ms = (extract(epoch FROM clock_timestamp() - date_started) * 1000)::bigint""";
			String waitingChildren = """
					, waiting AS (
					    SELECT d.parent_id FROM %1$s c
					    JOIN %2$s d ON d.child_id = c.id
					    JOIN done ON d.parent_id = done.id
					    WHERE c.state = 'wait_dependencies'
					    ORDER BY c.id
					    FOR UPDATE OF c
					)
					SELECT done.id, (SELECT count(*) FROM waiting w WHERE w.parent_id = done.id) FROM done
					""".formatted(table, dependency);
			// the primary key
			this.done = """
					WITH done AS (
					    UPDATE %1$s SET result = ?, %2$s
					    %3$s
					    RETURNING id
					)""".formatted(table, doneColumns, ownTry) + waitingChildren;
			// the primary key
			this.doneAll = """
					WITH outcome AS (
					    SELECT * FROM unnest(?::int8[], ?::varchar[], ?::int4[], ?::text[]) AS o (id, worker, retry, result)
					), done AS (
					    UPDATE %1$s j SET result = o.result, %2$s
					    FROM outcome o
					    WHERE j.id = o.id AND j.state IS NOT DISTINCT FROM 'started' AND j.worker = o.worker AND j.retry = o.retry
					    RETURNING j.id
					)"""
				.formatted(table, doneColumns) + waitingChildren;
			this.retry = """
					UPDATE %s SET state = 'pending', eta = ?, retry = ?, result = ?,
					    exc_name = ?, exc_message = ?, exc_info = ?,
					    date_enqueued = NULL, date_started = NULL, worker = NULL
					%s
					""".formatted(table, ownTry);
			this.failedUpdate = """
					UPDATE %s SET state = 'failed', date_failed = clock_timestamp(), exc_name = ?, exc_message = ?, exc_info = ?
					%s
					"""
				.formatted(table, ownTry);
			this.supersede = """
					UPDATE %1$s j SET state = 'cancelled', date_cancelled = clock_timestamp(),
					    exc_name = ?, exc_message = ?, exc_info = ?,
					    result = 'Not retried: job ' || w.uuid || ' with the same identity key is waiting'
					FROM %1$s w
					WHERE j.id = ? AND j.state IS NOT DISTINCT FROM 'started' AND j.worker = ? AND j.retry = ?
					  AND w.identity_key = j.identity_key AND w.id <> j.id
					  AND w.state IN ('wait_dependencies', 'pending', 'enqueued')
					""".formatted(table);
			this.handBackUnknownClaims = """
					UPDATE %s SET state = 'pending', retry = retry - 1,
					    result = 'Handed back: claimed by ' || worker || ', whose claim was lost with its connection',
					    date_enqueued = NULL, date_started = NULL, worker = NULL
					WHERE state = 'started' AND worker = ? AND NOT (id = ANY (?))
					""".formatted(table);
			this.handBack = """
					UPDATE %s SET state = 'pending', retry = retry - 1,
					    result = 'Handed back: the node ' || worker || ' ' || ?,
					    date_enqueued = NULL, date_started = NULL, worker = NULL
					%s
					""".formatted(table, ownTry);
			// queue_job_running_idx; the node locks are session advisory locks (key1,
			// key2)
			this.startedWithoutLock = """
					SELECT j.id, j.uuid, j.worker, j.job_function, j.channel, j.description, j.retry, j.max_retries
					FROM %s j
					WHERE j.state = 'started' AND NOT %s
					""".formatted(table, sessionLockHeld("j.worker"));
			String noTryLeft = "max_retries <> 0 AND retry >= max_retries";
			// the node's try, its liveness lock still free, and the runner's election
			// lock still held by the rescuing runner's session
			String deadTry = """
					j.id = ? AND j.state IS NOT DISTINCT FROM 'started' AND j.worker = ? AND j.retry = ?
					  AND NOT %s
					  AND %s""".formatted(sessionLockHeld("j.worker"), sessionLockHeldBy());
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
			this.state = "SELECT state FROM %s WHERE uuid = ?".formatted(table);
			// the round lock, taken only while the given session (unless 0) holds the
			// runner's election lock; the transaction's idle limit ends a round whose
			// runner stood still
			this.roundLock = """
					SELECT set_config('idle_in_transaction_session_timeout', ?, true) IS NOT NULL
					   AND pg_try_advisory_xact_lock(?, hashtext(?))
					   AND (? = 0 OR %s)
					""".formatted(sessionLockHeldBy());
		}

	}

}
