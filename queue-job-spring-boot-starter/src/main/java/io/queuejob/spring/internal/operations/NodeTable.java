package io.queuejob.spring.internal.operations;

import java.time.Duration;
import java.util.List;

import io.queuejob.spring.operations.NodeStatus;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The SQL of the node registry, table {@code queue_job_node} (its primary key serves
 * every statement; the table holds a row per running node).
 */
final class NodeTable {

	private final NamedParameterJdbcTemplate jdbc;

	private final String table;

	NodeTable(NamedParameterJdbcTemplate jdbc, String tablePrefix) {
		this.jdbc = jdbc;
		this.table = tablePrefix + "queue_job_node";
	}

	/**
	 * The nodes seen within a duration by the database's clock, most recently started
	 * first.
	 */
	List<NodeStatus> seenWithin(Duration within) {
		return this.jdbc.query("""
				SELECT name, runner, worker_threads, busy_threads, started_at, last_seen FROM %s
				WHERE last_seen >= clock_timestamp() - make_interval(secs => :seconds)
				ORDER BY started_at DESC, name
				""".formatted(this.table), new MapSqlParameterSource("seconds", within.toSeconds()),
				(rs, row) -> new NodeStatus(rs.getString(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4),
						JobQueries.instant(rs, "started_at"), JobQueries.instant(rs, "last_seen")));
	}

	/**
	 * Record a node's heartbeat.
	 */
	void heartbeat(NodeStatus node) {
		MapSqlParameterSource parameters = new MapSqlParameterSource("name", node.name())
			.addValue("runner", node.runner())
			.addValue("workerThreads", node.workerThreads())
			.addValue("busyThreads", node.busyThreads());
		this.jdbc.update("""
				INSERT INTO %s (name, started_at, last_seen, runner, worker_threads, busy_threads)
				VALUES (:name, clock_timestamp(), clock_timestamp(), :runner, :workerThreads, :busyThreads)
				ON CONFLICT (name) DO UPDATE SET last_seen = excluded.last_seen, runner = excluded.runner,
				    worker_threads = excluded.worker_threads, busy_threads = excluded.busy_threads
				""".formatted(this.table), parameters);
	}

	/**
	 * Delete the rows of nodes not seen for a day.
	 */
	void deleteStale() {
		this.jdbc.getJdbcOperations()
			.update("DELETE FROM %s WHERE last_seen < clock_timestamp() - interval '1 day'".formatted(this.table));
	}

	/**
	 * Delete a node's row.
	 */
	void remove(String name) {
		this.jdbc.update("DELETE FROM %s WHERE name = :name".formatted(this.table),
				new MapSqlParameterSource("name", name));
	}

}
