package io.queuejob.spring.internal.store;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The read-only queries of metrics and health: the backlog of each channel, and whether
 * some node holds the runner's election lock. Each costs a bounded number of index probes
 * however large the table.
 */
public final class JdbcJobStatistics {

	private final JdbcTemplate jdbc;

	private final TransactionOperations transaction;

	private final Sql sql;

	/**
	 * Create the queries.
	 * @param jdbc the JDBC template on the application's data source
	 * @param table the qualified name of the job table ({@link JobStores#lockName()})
	 * @param transaction runs a query in a read-only transaction
	 */
	public JdbcJobStatistics(JdbcTemplate jdbc, String table, TransactionOperations transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.sql = new Sql(table);
	}

	/**
	 * The pending jobs of each channel that has any: how many (counted up to a limit),
	 * and how long the oldest due one has waited.
	 * @param limit the most jobs counted per channel
	 * @return the channels with pending jobs
	 */
	public List<PendingChannel> pendingChannels(int limit) {
		return this.transaction.execute((status) -> {
			// the planner's cost of the bounded counts is far above what they cost, and
			// compiling the query would take longer than running it
			this.jdbc.execute("SET LOCAL jit = off");
			return this.jdbc.query(this.sql.pendingChannels, (rs, row) -> {
				double age = rs.getDouble(3);
				Duration oldestAge = rs.wasNull() ? null : Duration.ofMillis(Math.max(0, Math.round(age * 1000)));
				return new PendingChannel(rs.getString(1), rs.getInt(2), oldestAge);
			}, limit);
		});
	}

	/**
	 * Whether a node holds a lock of this queue-job installation, such as the runner's
	 * election lock.
	 * @param lockNamespace the first key of the lock; its second is the hash of the
	 * installation's lock name ({@link JobStores#lockName()})
	 * @return {@code true} if a session of this database holds it
	 */
	public boolean isLockHeld(int lockNamespace) {
		return Boolean.TRUE
			.equals(this.jdbc.queryForObject(this.sql.lockHeld, Boolean.class, lockNamespace, this.sql.table));
	}

	/**
	 * The pending jobs of a channel.
	 *
	 * @param channel the channel's name as stored
	 * @param depth how many jobs are pending, up to the limit asked for
	 * @param oldestAge how long the oldest due pending job has waited since it was
	 * created, or {@code null} when no pending job is due
	 */
	public record PendingChannel(String channel, int depth, Duration oldestAge) {
	}

	/**
	 * The SQL, with the table's name applied. The indexes that serve it are in
	 * {@code V1__queue_job.sql}.
	 */
	private static final class Sql {

		final String pendingChannels;

		final String table;

		final String lockHeld;

		Sql(String table) {
			this.table = table;
			// queue_job_pending_idx (channel, priority, date_created, id) only: a loose
			// index scan finds each (channel, priority); the first due job of each is the
			// oldest of its priority; the count of a channel stops at the limit
			this.pendingChannels = """
					WITH RECURSIVE heads AS (
					    (SELECT channel, priority FROM %1$s
					     WHERE state = 'pending' ORDER BY channel, priority LIMIT 1)
					    UNION ALL
					    SELECT n.channel, n.priority FROM heads h CROSS JOIN LATERAL (
					        SELECT j.channel, j.priority FROM %1$s j
					        WHERE j.state = 'pending' AND (j.channel, j.priority) > (h.channel, h.priority)
					        ORDER BY j.channel, j.priority LIMIT 1
					    ) n
					), oldest AS (
					    SELECT h.channel, min(o.date_created) AS date_created
					    FROM heads h LEFT JOIN LATERAL (
					        SELECT j.date_created FROM %1$s j
					        WHERE j.state = 'pending' AND j.channel = h.channel AND j.priority = h.priority
					          AND (j.eta IS NULL OR j.eta <= now())
					        ORDER BY j.date_created LIMIT 1
					    ) o ON true
					    GROUP BY h.channel
					)
					SELECT o.channel, d.depth, extract(epoch FROM now() - o.date_created)
					FROM oldest o CROSS JOIN LATERAL (
					    SELECT count(*) AS depth FROM (
					        SELECT 1 FROM %1$s j WHERE j.state = 'pending' AND j.channel = o.channel LIMIT ?
					    ) l
					) d
					""".formatted(table);
			this.lockHeld = "SELECT " + JobTables.sessionLockHeld("?");
		}

	}

}
