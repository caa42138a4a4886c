package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
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
				(eta != null) ? eta.toInstant() : null);
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
		// the candidates of the claim mode; then queue_job_pending_eta_idx, one probe
		// per channel for its next eta
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
	public ChannelLoad load(Collection<String> sequentialChannels, Map<String, Duration> rates, Instant now) {
		Map<String, Integer> running = new HashMap<>();
		this.jdbc.query(this.running, (rs) -> {
			running.put(rs.getString(1), rs.getInt(2));
		});
		Map<String, Integer> failed = new HashMap<>();
		if (!sequentialChannels.isEmpty()) {
			List<String> prefixes = sequentialChannels.stream()
				.map((name) -> JdbcJobStores.escapeLike(name) + ".%")
				.toList();
			this.jdbc.query(this.failed, (PreparedStatement ps) -> {
				ps.setArray(1, JobTables.array(ps, "varchar", sequentialChannels));
				ps.setArray(2, JobTables.array(ps, "varchar", prefixes));
			}, (rs) -> {
				failed.put(rs.getString(1), rs.getInt(2));
			});
		}
		Set<String> paused = new HashSet<>(this.jdbc.queryForList(this.paused, String.class));
		return new ChannelLoad(running, failed, paused, rates.isEmpty() ? Map.of() : recentStarts(rates, now));
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
			Timestamp at = JobTables.timestamp(now);
			// one statement, one round trip: the candidates, then a row per channel
			// with its next eta and no job
			this.jdbc.query(this.windows, (PreparedStatement ps) -> {
				ps.setArray(1, JobTables.array(ps, "varchar", channels));
				ps.setArray(2, JobTables.array(ps, "int4", limits));
				ps.setArray(3, JobTables.array(ps, "bool", includeNotDue));
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
