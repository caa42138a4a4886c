package io.queuejob.spring.internal.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobGraphView;
import io.queuejob.spring.operations.JobProgress;
import io.queuejob.spring.operations.JobSort;
import io.queuejob.spring.operations.JobSummary;

import org.postgresql.PGStatement;

import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * The SQL of operating jobs, with the schema applied, and its JDBC calls. Every value is
 * a bound parameter but the states of the job list and counts, written from
 * {@link JobState}; the statements are assembled from the fixed fragments below only. The
 * indexes that serve each query are named next to it; those of the job list are in
 * {@code V2__operations.sql} and {@code V11__job_list.sql}, and those of the history
 * table, which the done and cancelled jobs move into (read here as if it were part of the
 * job table), in {@code V12__history.sql}.
 */
final class JobQueries {

	private static final String SUMMARY_COLUMNS = """
			q.uuid, q.graph_uuid, q.state, q.channel, q.priority, q.job_function, q.description, q.retry,
			q.max_retries, q.eta, q.date_created, q.date_started, q.date_done, q.exc_name, q.exc_message,
			q.worker, q.created_by, q.progress, q.progress_message, q.progress_at, q.partition_key, q.id""";

	/** Every state's stored value, in state order. */
	private static final List<String> ALL_STATES = Arrays.stream(JobState.values()).map(JobState::dbValue).toList();

	private final NamedParameterJdbcTemplate jdbc;

	private final String table;

	private final String dependency;

	private final String history;

	JobQueries(NamedParameterJdbcTemplate jdbc, String tablePrefix) {
		this.jdbc = jdbc;
		this.table = tablePrefix + "queue_job";
		this.dependency = tablePrefix + "queue_job_dependency";
		this.history = tablePrefix + "queue_job_history";
	}

	/**
	 * The tables that hold the jobs of a state: the job table, and the history too for
	 * the states its jobs move in.
	 */
	private List<String> tables(String state) {
		return JobHistoryStore.MOVED_STATES.contains(state) ? List.of(this.table, this.history) : List.of(this.table);
	}

	/**
	 * One page of a list: one ordered index scan per listed state, from the cursor on,
	 * each stopping at the limit; the outer query merges them. Each state is its own
	 * branch with the state written as a literal, so that the planner can choose per
	 * state an index whose predicate names it: for the finished states, those of V11 on
	 * channel (queue_job_channel_finished_idx) and function
	 * (queue_job_function_finished_idx), otherwise queue_job_state_created_idx. A state
	 * whose jobs move into the history has a branch on each table.
	 */
	List<JobSummaryRow> list(JobFilter filter, JobSort sort, JobCursor cursor, int limit) {
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		StringBuilder where = filters(filter, parameters);
		boolean newest = sort == JobSort.NEWEST;
		if (cursor != null) {
			where.append(newest ? " AND (q.date_created, q.id) < (:afterCreated, :afterId)"
					: " AND (q.date_created, q.id) > (:afterCreated, :afterId)");
			parameters.addValue("afterCreated", timestamp(cursor.dateCreated()));
			parameters.addValue("afterId", cursor.id());
		}
		parameters.addValue("limit", limit);
		String direction = newest ? "DESC" : "ASC";
		List<String> branches = new ArrayList<>();
		for (String state : listed(states(filter), filter)) {
			for (String table : tables(state)) {
				String start = (!newest && filter.doneFrom() != null) ? doneRangeStart(table, state, filter) : "";
				branches.add("""
						(SELECT %1$s FROM %2$s q
						WHERE q.state = '%3$s'%4$s%5$s
						ORDER BY q.date_created %6$s, q.id %6$s
						LIMIT :limit)""".formatted(SUMMARY_COLUMNS, table, state, where, start, direction));
			}
		}
		if (branches.isEmpty()) {
			return List.of();
		}
		String sql = """
				SELECT j.* FROM (
				%1$s
				) j
				ORDER BY j.date_created %2$s, j.id %2$s
				LIMIT :limit
				""".formatted(String.join("\nUNION ALL\n", branches), direction);
		return this.jdbc.getJdbcOperations()
			.query(new CustomPlan(sql, parameters), (rs, row) -> new JobSummaryRow(summary(rs), rs.getLong("id")));
	}

	/**
	 * The condition that starts an oldest-first list of a done range at the first job of
	 * the range in creation order, read from queue_job_date_done_idx, instead of walking
	 * every job created before it; no job matches when the range holds none.
	 */
	private static String doneRangeStart(String table, String state, JobFilter filter) {
		// OFFSET 0 keeps the planner from reading min() as the first match of a scan in
		// creation order, which walks every job done before the range
		return " AND q.date_created >= (SELECT min(d.date_created) FROM (SELECT d.date_created FROM %s d"
			.formatted(table) + " WHERE d.state = '%s' AND d.date_done >= :doneFrom".formatted(state)
				+ ((filter.doneTo() != null) ? " AND d.date_done < :doneTo" : "") + " OFFSET 0) d)";
	}

	/**
	 * The matching jobs of each state, counted up to {@code cap} per state: a scan per
	 * state, the state written as a literal like in {@link #list}, that stops at the cap.
	 * Unfiltered or by creation, it reads queue_job_state_created_idx only; by channel or
	 * function of a finished state, the index of V11 on it; by a done range,
	 * queue_job_date_done_idx; and the same indexes of the history. A state read from
	 * both tables is counted up to the cap in each.
	 */
	Map<JobState, Long> counts(JobFilter filter, int cap) {
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		StringBuilder where = filters(filter, parameters);
		parameters.addValue("cap", cap);
		List<String> branches = new ArrayList<>();
		for (String state : listed(ALL_STATES, filter)) {
			for (String table : tables(state)) {
				branches.add("""
						SELECT '%1$s', (SELECT count(*) FROM (
						    SELECT 1 FROM %2$s q WHERE q.state = '%1$s'%3$s LIMIT :cap) c)""".formatted(state, table,
						where));
			}
		}
		Map<JobState, Long> counts = new EnumMap<>(JobState.class);
		if (branches.isEmpty()) {
			return counts;
		}
		String sql = String.join("\nUNION ALL\n", branches);
		this.jdbc.getJdbcOperations().query(new CustomPlan(sql, parameters), (ResultSet rs) -> {
			counts.merge(JobState.fromDbValue(rs.getString(1)), rs.getLong(2), Long::sum);
		});
		return counts;
	}

	/**
	 * The conditions of a filter but its states, which the callers write themselves. A
	 * job is done after it is created, so a done range also bounds the creation, which
	 * lets the scan in creation order start at the range's end.
	 */
	private static StringBuilder filters(JobFilter filter, MapSqlParameterSource parameters) {
		StringBuilder where = new StringBuilder();
		if (filter.channel() != null) {
			where.append(" AND q.channel = :channel");
			parameters.addValue("channel", filter.channel());
		}
		if (filter.function() != null) {
			where.append(" AND q.job_function = :function");
			parameters.addValue("function", filter.function());
		}
		if (filter.text() != null) {
			// a filtered scan, bounded by the list's LIMIT
			where.append(" AND (q.description ILIKE :text OR q.exc_message ILIKE :text OR q.exc_name ILIKE :text)");
			parameters.addValue("text", "%" + JdbcJobStores.escapeLike(filter.text()) + "%");
		}
		range(where, parameters, "q.date_created", "createdFrom", filter.createdFrom(), "createdTo",
				filter.createdTo());
		range(where, parameters, "q.date_done", "doneFrom", filter.doneFrom(), "doneTo", filter.doneTo());
		if (filter.doneTo() != null) {
			where.append(" AND q.date_created < :doneTo");
		}
		return where;
	}

	private static void range(StringBuilder where, MapSqlParameterSource parameters, String column, String fromName,
			Instant from, String toName, Instant to) {
		if (from != null) {
			where.append(" AND ").append(column).append(" >= :").append(fromName);
			parameters.addValue(fromName, timestamp(from));
		}
		if (to != null) {
			where.append(" AND ").append(column).append(" < :").append(toName);
			parameters.addValue(toName, timestamp(to));
		}
	}

	/**
	 * The states to read: with a done range, only done, as only a done job has a done
	 * time (a requeue clears it). Otherwise the planner, which cannot know that, may walk
	 * every cancelled or failed job looking for one in the range.
	 */
	private static List<String> listed(List<String> states, JobFilter filter) {
		if (filter.doneFrom() == null && filter.doneTo() == null) {
			return states;
		}
		return states.stream().filter(JobState.DONE.dbValue()::equals).toList();
	}

	private static List<String> states(JobFilter filter) {
		if (filter.states().isEmpty()) {
			return ALL_STATES;
		}
		return filter.states().stream().sorted().map(JobState::dbValue).toList();
	}

	/**
	 * A job in full, by the unique index on uuid, or from the history by its index on
	 * uuid; {@code null} when neither holds it.
	 */
	DetailRow detail(UUID uuid) {
		DetailRow row = detail(this.table, uuid);
		return (row != null) ? row : detail(this.history, uuid);
	}

	private DetailRow detail(String table, UUID uuid) {
		String sql = """
				SELECT %s, q.args::text AS args, q.result, q.exc_info, q.date_enqueued, q.date_failed,
				    q.date_cancelled, q.exec_time_ms, q.identity_key,
				    (extract(epoch FROM q.timeout) * 1000)::bigint AS timeout_ms, q.date_deadline, q.schedule, q.scheduled_at
				FROM %s q WHERE q.uuid = :uuid
				"""
			.formatted(SUMMARY_COLUMNS, table);
		List<DetailRow> rows = this.jdbc.query(sql, new MapSqlParameterSource("uuid", uuid),
				(rs, row) -> new DetailRow(rs.getLong("id"), summary(rs), rs.getString("args"), rs.getString("result"),
						rs.getString("exc_info"), instant(rs, "date_enqueued"), instant(rs, "date_failed"),
						instant(rs, "date_cancelled"), (Long) rs.getObject("exec_time_ms"),
						rs.getString("identity_key"), millis(rs, "timeout_ms"), instant(rs, "date_deadline"),
						rs.getString("schedule"), instant(rs, "scheduled_at")));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * The parents of a job, in id order: those in the job table by the edges
	 * (queue_job_dependency_child_idx), and those the history holds, by the job's own row
	 * there and by the rows of the parents moved before it
	 * (queue_job_history_children_idx).
	 */
	List<UUID> parents(UUID uuid) {
		return neighbours(uuid, "d.child_id", "d.parent_id", "parent_uuids", "child_uuids");
	}

	/**
	 * The children of a job, in id order, as {@link #parents}: by the edges (the primary
	 * key of queue_job_dependency) and by the history (queue_job_history_parents_idx).
	 */
	List<UUID> children(UUID uuid) {
		return neighbours(uuid, "d.parent_id", "d.child_id", "child_uuids", "parent_uuids");
	}

	private List<UUID> neighbours(UUID uuid, String from, String to, String ownArray, String theirArray) {
		return this.jdbc.queryForList("""
				WITH n (uuid) AS (
				    SELECT o.uuid FROM %1$s j JOIN %2$s d ON %4$s = j.id JOIN %1$s o ON o.id = %5$s
				    WHERE j.uuid = :uuid
				    UNION
				    SELECT unnest(h.%6$s) FROM %3$s h WHERE h.uuid = :uuid
				    UNION
				    SELECT h.uuid FROM %3$s h WHERE h.%7$s @> ARRAY[:uuid]::uuid[]
				)
				SELECT n.uuid FROM n JOIN LATERAL (
				    SELECT q.id FROM %1$s q WHERE q.uuid = n.uuid
				    UNION ALL
				    SELECT h.id FROM %3$s h WHERE h.uuid = n.uuid
				    LIMIT 1) i ON true
				ORDER BY i.id
				""".formatted(this.table, this.dependency, this.history, from, to, ownArray, theirArray),
				new MapSqlParameterSource("uuid", uuid), UUID.class);
	}

	/**
	 * The first jobs of a graph and the dependencies among them (queue_job_graph_idx and
	 * queue_job_history_graph_idx), the jobs and the edges in id order.
	 */
	JobGraphView graph(UUID graphUuid, int maxNodes) {
		MapSqlParameterSource parameters = new MapSqlParameterSource("graph", graphUuid).addValue("max", maxNodes);
		List<JobGraphView.Node> nodes = this.jdbc.query("""
				SELECT uuid, state, job_function, description FROM (
				    (SELECT q.uuid, q.state, q.job_function, q.description, q.id FROM %1$s q
				     WHERE q.graph_uuid = :graph ORDER BY q.id LIMIT :max)
				    UNION ALL
				    (SELECT h.uuid, h.state, h.job_function, h.description, h.id FROM %2$s h
				     WHERE h.graph_uuid = :graph ORDER BY h.id LIMIT :max)
				) g ORDER BY id LIMIT :max
				""".formatted(this.table, this.history), parameters,
				(rs, row) -> new JobGraphView.Node(rs.getObject(1, UUID.class), JobState.fromDbValue(rs.getString(2)),
						rs.getString(3), rs.getString(4)));
		Map<UUID, Integer> order = new HashMap<>();
		nodes.forEach((node) -> order.put(node.uuid(), order.size()));
		Set<JobGraphView.Edge> edges = new HashSet<>();
		this.jdbc.query("""
				SELECT p.uuid, c.uuid FROM %1$s c
				JOIN %2$s d ON d.child_id = c.id
				JOIN %1$s p ON p.id = d.parent_id
				WHERE c.graph_uuid = :graph AND p.graph_uuid = :graph
				UNION ALL
				SELECT unnest(h.parent_uuids), h.uuid FROM %3$s h WHERE h.graph_uuid = :graph
				UNION ALL
				SELECT h.uuid, unnest(h.child_uuids) FROM %3$s h WHERE h.graph_uuid = :graph
				""".formatted(this.table, this.dependency, this.history), parameters, (ResultSet rs) -> {
			UUID parent = rs.getObject(1, UUID.class);
			UUID child = rs.getObject(2, UUID.class);
			if (order.containsKey(parent) && order.containsKey(child)) {
				edges.add(new JobGraphView.Edge(parent, child));
			}
		});
		List<JobGraphView.Edge> sorted = edges.stream()
			.sorted(Comparator.comparing((JobGraphView.Edge edge) -> order.get(edge.child()))
				.thenComparing((edge) -> order.get(edge.parent())))
			.toList();
		return new JobGraphView(nodes, sorted);
	}

	/**
	 * A job's summary, by the unique index on uuid, or from the history; {@code null}
	 * when neither holds it. The history is read only when the job table has no such job:
	 * the append stops at the first row.
	 */
	JobSummary summary(UUID uuid) {
		List<JobSummary> rows = this.jdbc.query("""
				SELECT %1$s FROM %2$s q WHERE q.uuid = :uuid
				UNION ALL
				SELECT %1$s FROM %3$s q WHERE q.uuid = :uuid
				LIMIT 1
				""".formatted(SUMMARY_COLUMNS, this.table, this.history), new MapSqlParameterSource("uuid", uuid),
				(rs, row) -> summary(rs));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * The jobs of every channel that has jobs in an active state, per state, each read
	 * from its partial index: queue_job_pending_idx, queue_job_running_idx,
	 * queue_job_failed_idx, and queue_job_state_created_idx for the waiting jobs.
	 */
	Map<String, Map<JobState, Long>> channelCounts() {
		String sql = """
				SELECT channel, 'pending' AS state, count(*) FROM %1$s WHERE state = 'pending' GROUP BY channel
				UNION ALL
				SELECT channel, state, count(*) FROM %1$s WHERE state IN ('enqueued', 'started') GROUP BY channel, state
				UNION ALL
				SELECT channel, 'failed', count(*) FROM %1$s WHERE state = 'failed' GROUP BY channel
				UNION ALL
				SELECT channel, 'wait_dependencies', count(*) FROM %1$s WHERE state = 'wait_dependencies'
				GROUP BY channel
				""".formatted(this.table);
		Map<String, Map<JobState, Long>> counts = new LinkedHashMap<>();
		this.jdbc.query(sql, (ResultSet rs) -> {
			counts.computeIfAbsent(rs.getString(1), (channel) -> new EnumMap<>(JobState.class))
				.put(JobState.fromDbValue(rs.getString(2)), rs.getLong(3));
		});
		return counts;
	}

	private static JobSummary summary(ResultSet rs) throws SQLException {
		return new JobSummary(rs.getObject("uuid", UUID.class), rs.getObject("graph_uuid", UUID.class),
				JobState.fromDbValue(rs.getString("state")), rs.getString("channel"), rs.getInt("priority"),
				rs.getString("job_function"), rs.getString("description"), rs.getInt("retry"), rs.getInt("max_retries"),
				instant(rs, "eta"), instant(rs, "date_created"), instant(rs, "date_started"), instant(rs, "date_done"),
				rs.getString("exc_name"), rs.getString("exc_message"), rs.getString("worker"),
				rs.getString("created_by"), progress(rs), rs.getString("partition_key"));
	}

	private static JobProgress progress(ResultSet rs) throws SQLException {
		int percent = rs.getInt("progress");
		return rs.wasNull() ? null
				: new JobProgress(percent, rs.getString("progress_message"), instant(rs, "progress_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Duration millis(ResultSet rs, String column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Duration.ofMillis(millis);
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A statement of the job list or counts, planned with its values at every execution.
	 * pgjdbc prepares a statement on the server from its 5th execution on a connection,
	 * and the server may then run a generic plan, one made without the values; that of
	 * the list estimates a channel, function or range to match as often as an average
	 * one, so for a rare value it walks every job of a state where the custom plan reads
	 * the matching jobs from their index.
	 */
	private static final class CustomPlan implements PreparedStatementCreator, SqlProvider {

		private final PreparedStatementCreator creator;

		private final String sql;

		CustomPlan(String sql, MapSqlParameterSource parameters) {
			ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
			this.sql = NamedParameterUtils.substituteNamedParameters(parsed, parameters);
			this.creator = new PreparedStatementCreatorFactory(this.sql,
					NamedParameterUtils.buildSqlParameterList(parsed, parameters))
				.newPreparedStatementCreator(NamedParameterUtils.buildValueArray(parsed, parameters, null));
		}

		@Override
		public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
			PreparedStatement statement = this.creator.createPreparedStatement(connection);
			if (statement.isWrapperFor(PGStatement.class)) {
				statement.unwrap(PGStatement.class).setPrepareThreshold(0);
			}
			return statement;
		}

		@Override
		public String getSql() {
			return this.sql;
		}

	}

	/**
	 * A job in full as read, before its neighbours.
	 */
	record DetailRow(long id, JobSummary summary, String argsJson, String result, String excInfo, Instant dateEnqueued,
			Instant dateFailed, Instant dateCancelled, Long execTimeMs, String identityKey, Duration timeout,
			Instant dateDeadline, String schedule, Instant scheduledAt) {

	}

}
