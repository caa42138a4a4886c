package io.queuejob.spring.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the per-minute rollup of the jobs that ended ({@code queue_job_minute}): the
 * fold of the jobs that ended since the watermark, the series the dashboard charts, and
 * the removal of old minutes. A fold reads only the jobs that ended since the last one:
 * the done ones through queue_job_finished_idx, one range per channel found with a loose
 * index scan, the failed ones through queue_job_failed_idx.
 */
public final class JobMinuteStore {

	private static final String LATENCY_MS = """
			CASE WHEN j.date_started IS NOT NULL THEN greatest(0, extract(epoch FROM
			    j.date_started - greatest(j.date_created, coalesce(j.eta, j.date_created))) * 1000)::bigint END""";

	private final JdbcTemplate jdbc;

	private final String ensureWatermark;

	private final String lockWatermark;

	private final String fold;

	private final String moveWatermark;

	private final String series;

	private final String deleteBefore;

	/**
	 * Create the store.
	 * @param jdbc the JDBC template on the queue-job data source
	 * @param schema the schema of the queue-job tables
	 */
	public JobMinuteStore(JdbcTemplate jdbc, QueueJobSchema schema) {
		this.jdbc = jdbc;
		String prefix = schema.tablePrefix();
		String table = prefix + "queue_job";
		String minutes = prefix + "queue_job_minute";
		String watermark = prefix + "queue_job_minute_watermark";
		this.ensureWatermark = "INSERT INTO %s (id, folded_to) VALUES (1, clock_timestamp()) ON CONFLICT (id) DO NOTHING"
			.formatted(watermark);
		this.lockWatermark = "SELECT folded_to, clock_timestamp() - ?::interval FROM %s WHERE id = 1 FOR UPDATE"
			.formatted(watermark);
		String finishedAt = "(CASE WHEN j.state = 'done' THEN j.date_done ELSE j.date_cancelled END)";
		this.fold = """
				WITH ended AS (
				    SELECT e.* FROM (%1$s) c CROSS JOIN LATERAL (
				        SELECT j.channel, date_trunc('minute', j.date_done) AS minute, 1 AS done, 0 AS failed,
				            %2$s AS latency_ms
				        FROM %3$s j
				        WHERE j.channel = c.channel AND j.state IN ('done', 'cancelled')
				          AND %4$s >= ? AND %4$s < ? AND j.state = 'done'
				    ) e
				    UNION ALL
				    SELECT j.channel, date_trunc('minute', j.date_failed), 0, 1, %2$s
				    FROM %3$s j
				    WHERE j.state = 'failed' AND j.date_failed >= ? AND j.date_failed < ?
				)
				INSERT INTO %5$s AS m (minute, channel, done, failed, latency_count, latency_ms_sum,
				    latency_lt_100ms, latency_lt_1s, latency_lt_10s, latency_lt_1m, latency_ge_1m)
				SELECT minute, channel, sum(done), sum(failed), count(latency_ms), coalesce(sum(latency_ms), 0),
				    count(*) FILTER (WHERE latency_ms < 100),
				    count(*) FILTER (WHERE latency_ms >= 100 AND latency_ms < 1000),
				    count(*) FILTER (WHERE latency_ms >= 1000 AND latency_ms < 10000),
				    count(*) FILTER (WHERE latency_ms >= 10000 AND latency_ms < 60000),
				    count(*) FILTER (WHERE latency_ms >= 60000)
				FROM ended GROUP BY minute, channel
				ON CONFLICT (minute, channel) DO UPDATE SET done = m.done + excluded.done,
				    failed = m.failed + excluded.failed, latency_count = m.latency_count + excluded.latency_count,
				    latency_ms_sum = m.latency_ms_sum + excluded.latency_ms_sum,
				    latency_lt_100ms = m.latency_lt_100ms + excluded.latency_lt_100ms,
				    latency_lt_1s = m.latency_lt_1s + excluded.latency_lt_1s,
				    latency_lt_10s = m.latency_lt_10s + excluded.latency_lt_10s,
				    latency_lt_1m = m.latency_lt_1m + excluded.latency_lt_1m,
				    latency_ge_1m = m.latency_ge_1m + excluded.latency_ge_1m
				""".formatted(JobTables.channelsWhere(table, "state IN ('done', 'cancelled')"), LATENCY_MS, table,
				finishedAt, minutes);
		this.moveWatermark = "UPDATE %s SET folded_to = ? WHERE id = 1".formatted(watermark);
		// the primary key (minute, channel), from the first minute asked for
		this.series = """
				SELECT to_timestamp(floor(extract(epoch FROM minute) / ?) * ?) AS at, channel,
				    sum(done), sum(failed), sum(latency_count), sum(latency_ms_sum),
				    sum(latency_lt_100ms), sum(latency_lt_1s), sum(latency_lt_10s), sum(latency_lt_1m), sum(latency_ge_1m)
				FROM %s WHERE minute >= ?
				GROUP BY 1, 2 ORDER BY 1, 2
				"""
			.formatted(minutes);
		this.deleteBefore = "DELETE FROM %s WHERE minute < ?".formatted(minutes);
	}

	/**
	 * Fold the jobs that ended since the watermark, up to a little before now, into the
	 * rollup, and move the watermark there. Call it in a transaction: the watermark's row
	 * is locked, so that two nodes never fold the same jobs.
	 * @param settle how long before now the fold stops, so that the jobs whose end is not
	 * committed yet are folded next time
	 * @return the instants folded from and to
	 */
	public Instant[] fold(Duration settle) {
		this.jdbc.update(this.ensureWatermark);
		Instant[] range = this.jdbc.queryForObject(this.lockWatermark,
				(rs, row) -> new Instant[] { rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant() },
				settle.toMillis() + " milliseconds");
		if (!range[1].isAfter(range[0])) {
			return range;
		}
		Timestamp from = Timestamp.from(range[0]);
		Timestamp to = Timestamp.from(range[1]);
		this.jdbc.update(this.fold, from, to, from, to);
		this.jdbc.update(this.moveWatermark, to);
		return range;
	}

	/**
	 * The rollup since an instant, per step and channel.
	 * @param since the first minute
	 * @param step the length of each point, a whole number of minutes
	 * @return the points, in time and channel order
	 */
	public List<Point> series(Instant since, Duration step) {
		List<Point> points = new ArrayList<>();
		long seconds = step.toSeconds();
		this.jdbc.query(this.series, (ResultSet rs) -> {
			points.add(point(rs));
		}, seconds, seconds, Timestamp.from(since));
		return points;
	}

	private static Point point(ResultSet rs) throws SQLException {
		return new Point(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
				rs.getLong(6),
				new long[] { rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11) });
	}

	/**
	 * Delete the minutes before an instant.
	 * @param before the first minute kept
	 * @return how many rows were deleted
	 */
	public int deleteBefore(Instant before) {
		return this.jdbc.update(this.deleteBefore, Timestamp.from(before));
	}

	/**
	 * The jobs of one channel that ended in one step.
	 *
	 * @param at the step's start
	 * @param channel the channel
	 * @param done how many ended done
	 * @param failed how many ended failed
	 * @param latencyCount how many of them had started
	 * @param latencyMsSum the sum of their times from enqueue to start, in milliseconds
	 * @param latencyBuckets how many started under 100 ms, 1 s, 10 s, 1 min, and later
	 */
	public record Point(Instant at, String channel, long done, long failed, long latencyCount, long latencyMsSum,
			long[] latencyBuckets) {

	}

}
