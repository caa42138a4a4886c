package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.queuejob.core.channel.Candidate;
import io.queuejob.core.channel.CandidateWindow;
import io.queuejob.core.channel.ChannelLoad;
import io.queuejob.core.channel.RecentStarts;
import io.queuejob.core.channel.WindowRequest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@link RunnerStore} in plain JDBC.
 */
final class JdbcRunnerStore implements RunnerStore {

	private static final RowMapper<Candidate> CANDIDATE = (rs, row) -> {
		Timestamp eta = rs.getTimestamp(6);
		return new Candidate(rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant(),
				(eta != null) ? eta.toInstant() : null, rs.getString(7));
	};

	private final JobTables tables;

	private final JdbcTemplate jdbc;

	private final ClaimMode mode;

	private final String roundLock;

	private final String running;

	private final String failed;

	private final String pendingChannels;

	private final String paused;

	private final String recentStarts;

	private final String windows;

	private final String runningByKey;

	private final String keyedWindows;

	private final String enqueue;

	private final String countEnqueued;

	JdbcRunnerStore(JobTables tables, ClaimMode mode) {
		this.tables = tables;
		this.jdbc = tables.jdbc();
		this.mode = mode;
		String table = tables.table();
		// the round lock, taken only while the given session (unless 0) holds the
		// runner's election lock; the transaction's idle limit ends a round whose
		// runner stood still
		this.roundLock = """
				SELECT set_config('idle_in_transaction_session_timeout', ?, true) IS NOT NULL
				   AND pg_try_advisory_xact_lock(?, hashtext(?))
				   AND (? = 0 OR %s)
				""".formatted(JobTables.sessionLockHeldBy());
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
		this.pendingChannels = JobTables.channelsWhere(table, mode.plannedCondition());
		this.paused = "SELECT channel FROM " + tables.pauses();
		// per rate-limited channel (the parameters: names and periods in ms): its jobs
		// and its sub-channels' started within the period by the database's clock, one
		// range of queue_job_started_idx per stored channel (found with one probe each;
		// the statement's timestamp, unlike clock_timestamp(), bounds an index scan),
		// with how long until the oldest start leaves the period; then its enqueued
		// jobs, which start soon (queue_job_enqueued_idx)
		this.recentStarts = """
				WITH r AS (
				    SELECT channel, period_ms * interval '1 millisecond' AS period
				    FROM unnest(?::varchar[], ?::int8[]) AS r (channel, period_ms)
				)
				SELECT r.channel, sum(s.n)::int,
				       (extract(epoch FROM min(s.oldest) + r.period - statement_timestamp()) * 1000)::bigint
				FROM r
				JOIN (%2$s) c ON c.channel = r.channel OR starts_with(c.channel, r.channel || '.')
				CROSS JOIN LATERAL (
				    SELECT count(*) AS n, min(q.date_started) AS oldest FROM %1$s q
				    WHERE q.channel = c.channel AND q.date_started > statement_timestamp() - r.period
				      AND q.state <> 'enqueued'
				) s
				WHERE s.n > 0
				GROUP BY r.channel, r.period
				UNION ALL
				SELECT r.channel, count(*)::int, NULL
				FROM r JOIN %1$s q ON q.state = 'enqueued'
				    AND (q.channel = r.channel OR starts_with(q.channel, r.channel || '.'))
				GROUP BY r.channel
				""".formatted(table, JobTables.channelsWhere(table, "date_started IS NOT NULL"));
		// the candidates of the claim mode, except in the channels limited per key,
		// whose candidates keyedWindows reads; then queue_job_pending_eta_idx, one
		// probe per channel for its next eta
		this.windows = """
				WITH w AS (
				    SELECT * FROM unnest(?::varchar[], ?::int4[], ?::bool[], ?::bool[])
				        AS w (channel, lim, include_not_due, keyed)
				)
				SELECT w.channel, j.id, j.channel, j.priority, j.date_created, j.eta, j.partition_key
				FROM w CROSS JOIN LATERAL (
				    SELECT q.id, q.channel, q.priority, q.date_created, q.eta, q.partition_key FROM %1$s q
				%2$s
				    LIMIT CASE WHEN w.keyed THEN 0 ELSE w.lim + 1 END
				) j
				UNION ALL
				SELECT w.channel, NULL, NULL, NULL, NULL, e.eta, NULL
				FROM w CROSS JOIN LATERAL (
				    SELECT q.eta FROM %1$s q
				    WHERE q.state = 'pending' AND q.channel = w.channel AND q.eta > ?
				    ORDER BY q.eta LIMIT 1
				) e
				""".formatted(table, mode.windowCandidates());
		// a job locked by an enqueuing transaction (a keyed job taken into a graph) is
		// skipped rather than waited for: the runner never waits on a caller. The
		// locked ids drive a join on the primary key: with "id IN (subquery)" the
		// planner, misled by statistics older than a bulk enqueue, joined the pending
		// index against the subquery in a nested loop (800 ms for 1,000 jobs on a
		// 20,000-job backlog, measured with auto_explain)
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
		this.countEnqueued = "SELECT count(*) FROM (" + tables.enqueuedInRunOrder() + ") e";
		// queue_job_running_idx: the running jobs, few, of the channels limited per key
		this.runningByKey = """
				SELECT channel, partition_key, count(*) FROM %s
				WHERE state IN ('enqueued', 'started') AND partition_key IS NOT NULL
				  AND (channel = ANY (?) OR channel LIKE ANY (?))
				GROUP BY channel, partition_key
				""".formatted(table);
		this.keyedWindows = keyedWindows(table);
	}

	/**
	 * The candidates of the channels limited per key (queue_job_pending_key_idx): the
	 * keys of each channel's pending jobs, found with one probe per key; the first jobs
	 * of each key that is not at its limit, as many as the limit per key; the jobs
	 * without a key; of those the first in the order of a round (by priority, then each
	 * key's first job before any key's second), one more than the channel's limit. A
	 * key's backlog, however long, thus neither fills the window nor costs more than its
	 * first jobs, and no key at its limit is read beyond its one probe. The jobs without
	 * a key are ordered as the index is, so that they are read as one range of it rather
	 * than by filtering the channel's whole backlog.
	 */
	private static String keyedWindows(String table) {
		return """
				WITH RECURSIVE w AS (
				    SELECT * FROM unnest(?::varchar[], ?::int4[], ?::bool[], ?::int4[])
				        AS w (channel, lim, include_not_due, per_key)
				), full_keys AS (
				    SELECT * FROM unnest(?::varchar[], ?::text[]) AS f (channel, partition_key)
				), keys AS (
				    SELECT w.channel, k.partition_key FROM w CROSS JOIN LATERAL (
				        SELECT q.partition_key FROM %1$s q
				        WHERE q.state = 'pending' AND q.channel = w.channel AND q.partition_key IS NOT NULL
				        ORDER BY q.partition_key LIMIT 1
				    ) k
				    UNION ALL
				    SELECT k.channel, (
				        SELECT q.partition_key FROM %1$s q
				        WHERE q.state = 'pending' AND q.channel = k.channel AND q.partition_key > k.partition_key
				        ORDER BY q.partition_key LIMIT 1
				    )
				    FROM keys k WHERE k.partition_key IS NOT NULL
				)
				SELECT w.channel, j.id, j.channel, j.priority, j.date_created, j.eta, j.partition_key
				FROM w CROSS JOIN LATERAL (
				    SELECT c.* FROM (
				        SELECT h.* FROM keys k CROSS JOIN LATERAL (
				            SELECT q.id, q.channel, q.priority, q.date_created, q.eta, q.partition_key,
				                   row_number() OVER (ORDER BY q.priority, q.date_created, q.id) AS turn
				            FROM %1$s q
				            WHERE q.state = 'pending' AND q.channel = w.channel AND q.partition_key = k.partition_key
				              AND (w.include_not_due OR q.eta IS NULL OR q.eta <= ?)
				            ORDER BY q.priority, q.date_created, q.id LIMIT w.per_key
				        ) h
				        WHERE k.channel = w.channel AND k.partition_key IS NOT NULL
				          AND NOT EXISTS (
				              SELECT 1 FROM full_keys f WHERE f.channel = w.channel AND f.partition_key = k.partition_key
				          )
				        UNION ALL
				        (SELECT q.id, q.channel, q.priority, q.date_created, q.eta, q.partition_key, 1 FROM %1$s q
				         WHERE q.state = 'pending' AND q.channel = w.channel AND q.partition_key IS NULL
				           AND (w.include_not_due OR q.eta IS NULL OR q.eta <= ?)
				         ORDER BY q.channel, q.partition_key, q.priority, q.date_created, q.id LIMIT w.lim + 1)
				    ) c
				    ORDER BY c.priority, c.turn, c.date_created, c.id LIMIT w.lim + 1
				) j
				"""
			.formatted(table);
	}

	@Override
	public boolean plansReadyJobs() {
		return !this.mode.direct();
	}

	@Override
	public boolean tryRoundLock(int leaderPid, Duration idleLimit) {
		String lockName = this.tables.table();
		return Boolean.TRUE.equals(this.jdbc.queryForObject(this.roundLock, Boolean.class,
				Long.toString(idleLimit.toMillis()), JobTables.ROUND_LOCK_NAMESPACE, lockName + ":round", leaderPid,
				leaderPid, JobTables.RUNNER_LOCK_NAMESPACE, lockName));
	}

	@Override
	public ChannelLoad load(Collection<String> sequentialChannels, Map<String, Duration> rates,
			Collection<String> perKeyChannels, Instant now) {
		Map<String, Integer> running = new HashMap<>();
		this.jdbc.query(this.running, (rs) -> {
			running.put(rs.getString(1), rs.getInt(2));
		});
		Map<String, Integer> failed = new HashMap<>();
		if (!sequentialChannels.isEmpty()) {
			this.jdbc.query(this.failed, (PreparedStatement ps) -> bindChannelsAndPrefixes(ps, sequentialChannels),
					(rs) -> {
						failed.put(rs.getString(1), rs.getInt(2));
					});
		}
		Map<String, Map<String, Integer>> runningByKey = new HashMap<>();
		if (!perKeyChannels.isEmpty()) {
			this.jdbc.query(this.runningByKey, (PreparedStatement ps) -> bindChannelsAndPrefixes(ps, perKeyChannels),
					(rs) -> {
						runningByKey.computeIfAbsent(rs.getString(1), (channel) -> new HashMap<>())
							.put(rs.getString(2), rs.getInt(3));
					});
		}
		Set<String> paused = new HashSet<>(this.jdbc.queryForList(this.paused, String.class));
		return new ChannelLoad(running, failed, paused, rates.isEmpty() ? Map.of() : recentStarts(rates, now),
				runningByKey);
	}

	private static void bindChannelsAndPrefixes(PreparedStatement ps, Collection<String> channels) throws SQLException {
		List<String> prefixes = channels.stream().map((name) -> JdbcJobStores.escapeLike(name) + ".%").toList();
		ps.setArray(1, JobTables.array(ps, "varchar", channels));
		ps.setArray(2, JobTables.array(ps, "varchar", prefixes));
	}

	private Map<String, RecentStarts> recentStarts(Map<String, Duration> rates, Instant now) {
		List<String> channels = List.copyOf(rates.keySet());
		List<Long> periods = channels.stream().map((channel) -> rates.get(channel).toMillis()).toList();
		Map<String, RecentStarts> recent = new HashMap<>();
		this.jdbc.query(this.recentStarts, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "varchar", channels));
			ps.setArray(2, JobTables.array(ps, "int8", periods));
		}, (rs) -> {
			long freesIn = rs.getLong(3);
			Instant freesAt = rs.wasNull() ? null : now.plusMillis(Math.max(0, freesIn));
			recent.merge(rs.getString(1), new RecentStarts(rs.getInt(2), freesAt),
					(a, b) -> new RecentStarts(a.count() + b.count(),
							(a.windowFreesAt() != null) ? a.windowFreesAt() : b.windowFreesAt()));
		});
		return recent;
	}

	@Override
	public List<String> pendingChannels() {
		return this.jdbc.queryForList(this.pendingChannels, String.class);
	}

	@Override
	public Map<String, CandidateWindow> windows(Map<String, WindowRequest> requests, Instant now) {
		List<String> channels = new ArrayList<>();
		List<Integer> limits = new ArrayList<>();
		List<Boolean> includeNotDue = new ArrayList<>();
		List<Boolean> keyed = new ArrayList<>();
		requests.forEach((channel, request) -> {
			if (request.limit() > 0) {
				channels.add(channel);
				limits.add(request.limit());
				includeNotDue.add(request.includeNotDue());
				keyed.add(request.perKey() != null);
			}
		});
		Map<String, List<Candidate>> jobs = new LinkedHashMap<>();
		Map<String, Instant> nextEtas = new HashMap<>();
		if (!channels.isEmpty()) {
			Timestamp at = JobTables.timestamp(now);
			// one statement, one round trip: the candidates, then a row per channel
			// with its next eta and no job
			this.jdbc.query(this.windows, (PreparedStatement ps) -> {
				ps.setArray(1, JobTables.array(ps, "varchar", channels));
				ps.setArray(2, JobTables.array(ps, "int4", limits));
				ps.setArray(3, JobTables.array(ps, "bool", includeNotDue));
				ps.setArray(4, JobTables.array(ps, "bool", keyed));
				ps.setTimestamp(5, at);
				ps.setTimestamp(6, at);
			}, (rs) -> {
				if (rs.getObject(2) != null) {
					jobs.computeIfAbsent(rs.getString(1), (c) -> new ArrayList<>()).add(CANDIDATE.mapRow(rs, 0));
				}
				else {
					nextEtas.put(rs.getString(1), rs.getTimestamp(6).toInstant());
				}
			});
			if (keyed.contains(true)) {
				keyedCandidates(requests, at, jobs);
			}
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

	private void keyedCandidates(Map<String, WindowRequest> requests, Timestamp at, Map<String, List<Candidate>> jobs) {
		List<String> channels = new ArrayList<>();
		List<Integer> limits = new ArrayList<>();
		List<Boolean> includeNotDue = new ArrayList<>();
		List<Integer> perKey = new ArrayList<>();
		List<String> fullChannels = new ArrayList<>();
		List<String> fullKeys = new ArrayList<>();
		requests.forEach((channel, request) -> {
			if (request.limit() > 0 && request.perKey() != null) {
				channels.add(channel);
				limits.add(request.limit());
				includeNotDue.add(request.includeNotDue());
				perKey.add(request.perKey());
				request.fullKeys().forEach((key) -> {
					fullChannels.add(channel);
					fullKeys.add(key);
				});
			}
		});
		this.jdbc.query(this.keyedWindows, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "varchar", channels));
			ps.setArray(2, JobTables.array(ps, "int4", limits));
			ps.setArray(3, JobTables.array(ps, "bool", includeNotDue));
			ps.setArray(4, JobTables.array(ps, "int4", perKey));
			ps.setArray(5, JobTables.array(ps, "varchar", fullChannels));
			ps.setArray(6, JobTables.array(ps, "text", fullKeys));
			ps.setTimestamp(7, at);
			ps.setTimestamp(8, at);
		}, (rs) -> {
			jobs.computeIfAbsent(rs.getString(1), (c) -> new ArrayList<>()).add(CANDIDATE.mapRow(rs, 0));
		});
	}

	@Override
	public int enqueue(List<Long> ids) {
		Integer moved = this.jdbc.query(this.enqueue, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "int8", ids));
			ps.setString(2, JobStores.WORKERS_CHANNEL);
			ps.setString(3, this.tables.payload());
		}, (rs) -> rs.next() ? rs.getInt(1) : 0);
		return (moved != null) ? moved : 0;
	}

	@Override
	public int countEnqueued(int cap) {
		Integer enqueued = this.jdbc.queryForObject(this.countEnqueued, Integer.class, cap);
		return (enqueued != null) ? enqueued : 0;
	}

	@Override
	public void notify(String channel) {
		this.tables.notify(channel);
	}

}
