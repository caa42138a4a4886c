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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.JdbcJobStores;
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
 * {@code V2__operations.sql} and {@code V11__job_list.sql}.
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

	JobQueries(NamedParameterJdbcTemplate jdbc, String tablePrefix) {
		this.jdbc = jdbc;
		this.table = tablePrefix + "queue_job";
		this.dependency = tablePrefix + "queue_job_dependency";
	}

	/**
	 * One page of a list: one ordered index scan per listed state, from the cursor on,
	 * each stopping at the limit; the outer query merges them. Each state is its own
	 * branch with the state written as a literal, so that the planner can choose per
	 * state an index whose predicate names it: for the finished states, those of V11 on
	 * channel (queue_job_channel_finished_idx) and function
	 * (queue_job_function_finished_idx), otherwise queue_job_state_created_idx.
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
			String start = (!newest && filter.doneFrom() != null) ? doneRangeStart(state, filter) : "";
			branches.add("""
					(SELECT %1$s FROM %2$s q
					WHERE q.state = '%3$s'%4$s%5$s
					ORDER BY q.date_created %6$s, q.id %6$s
					LIMIT :limit)""".formatted(SUMMARY_COLUMNS, this.table, state, where, start, direction));
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
	private String doneRangeStart(String state, JobFilter filter) {
		// OFFSET 0 keeps the planner from reading min() as the first match of a scan in
		// creation order, which walks every job done before the range
		return " AND q.date_created >= (SELECT min(d.date_created) FROM (SELECT d.date_created FROM %s d"
			.formatted(this.table) + " WHERE d.state = '%s' AND d.date_done >= :doneFrom".formatted(state)
				+ ((filter.doneTo() != null) ? " AND d.date_done < :doneTo" : "") + " OFFSET 0) d)";
	}

	/**
	 * The matching jobs of each state, counted up to {@code cap} per state: a scan per
	 * state, the state written as a literal like in {@link #list}, that stops at the cap.
	 * Unfiltered or by creation, it reads queue_job_state_created_idx only; by channel or
	 * function of a finished state, the index of V11 on it; by a done range,
	 * queue_job_date_done_idx.
	 */
	Map<JobState, Long> counts(JobFilter filter, int cap) {
		MapSqlParameterSource parameters = new MapSqlParameterSource();
		StringBuilder where = filters(filter, parameters);
		parameters.addValue("cap", cap);
		List<String> branches = new ArrayList<>();
		for (String state : listed(ALL_STATES, filter)) {
			branches.add("""
					SELECT '%1$s', (SELECT count(*) FROM (
					    SELECT 1 FROM %2$s q WHERE q.state = '%1$s'%3$s LIMIT :cap) c)""".formatted(state, this.table,
					where));
		}
		Map<JobState, Long> counts = new EnumMap<>(JobState.class);
		if (branches.isEmpty()) {
			return counts;
		}
		String sql = String.join("\nUNION ALL\n", branches);
		this.jdbc.getJdbcOperations().query(new CustomPlan(sql, parameters), (ResultSet rs) -> {
			counts.put(JobState.fromDbValue(rs.getString(1)), rs.getLong(2));
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
	 * A job in full, by the unique index on uuid, or {@code null}.
	 */
	DetailRow detail(UUID uuid) {
		String sql = """
				SELECT %s, q.args::text AS args, q.result, q.exc_info, q.date_enqueued, q.date_failed,
				    q.date_cancelled, q.exec_time_ms, q.identity_key,
				    (extract(epoch FROM q.timeout) * 1000)::bigint AS timeout_ms, q.date_deadline, q.schedule, q.scheduled_at
				FROM %s q WHERE q.uuid = :uuid
				"""
			.formatted(SUMMARY_COLUMNS, this.table);
		List<DetailRow> rows = this.jdbc.query(sql, new MapSqlParameterSource("uuid", uuid),
				(rs, row) -> new DetailRow(rs.getLong("id"), summary(rs), rs.getString("args"), rs.getString("result"),
						rs.getString("exc_info"), instant(rs, "date_enqueued"), instant(rs, "date_failed"),
						instant(rs, "date_cancelled"), (Long) rs.getObject("exec_time_ms"),
						rs.getString("identity_key"), millis(rs, "timeout_ms"), instant(rs, "date_deadline"),
						rs.getString("schedule"), instant(rs, "scheduled_at")));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * The parents of a job (queue_job_dependency_child_idx).
	 */
	List<UUID> parents(long id) {
		return this.jdbc.queryForList("""
				SELECT p.uuid FROM %s d JOIN %s p ON p.id = d.parent_id WHERE d.child_id = :id ORDER BY p.id
				""".formatted(this.dependency, this.table), new MapSqlParameterSource("id", id), UUID.class);
	}

	/**
	 * The children of a job (the primary key of queue_job_dependency).
	 */
	List<UUID> children(long id) {
		return this.jdbc.queryForList("""
				SELECT c.uuid FROM %s d JOIN %s c ON c.id = d.child_id WHERE d.parent_id = :id ORDER BY c.id
				""".formatted(this.dependency, this.table), new MapSqlParameterSource("id", id), UUID.class);
	}

	/**
	 * The first jobs of a graph and the dependencies among them (queue_job_graph_idx).
	 */
	JobGraphView graph(UUID graphUuid, int maxNodes) {
		MapSqlParameterSource parameters = new MapSqlParameterSource("graph", graphUuid).addValue("max", maxNodes);
		List<JobGraphView.Node> nodes = this.jdbc.query("""
				SELECT q.uuid, q.state, q.job_function, q.description FROM %s q
				WHERE q.graph_uuid = :graph ORDER BY q.id LIMIT :max
				""".formatted(this.table), parameters, (rs, row) -> new JobGraphView.Node(rs.getObject(1, UUID.class),
				JobState.fromDbValue(rs.getString(2)), rs.getString(3), rs.getString(4)));
		Set<UUID> included = new HashSet<>();
		nodes.forEach((node) -> included.add(node.uuid()));
		List<JobGraphView.Edge> edges = new ArrayList<>();
		this.jdbc.query("""
				SELECT p.uuid, c.uuid FROM %1$s c
				JOIN %2$s d ON d.child_id = c.id
				JOIN %1$s p ON p.id = d.parent_id
				WHERE c.graph_uuid = :graph AND p.graph_uuid = :graph
				ORDER BY c.id, p.id
				""".formatted(this.table, this.dependency), parameters, (ResultSet rs) -> {
			UUID parent = rs.getObject(1, UUID.class);
			UUID child = rs.getObject(2, UUID.class);
			if (included.contains(parent) && included.contains(child)) {
				edges.add(new JobGraphView.Edge(parent, child));
			}
		});
		return new JobGraphView(nodes, edges);
	}

	/**
	 * A job's summary, by the unique index on uuid, or {@code null}.
	 */
	JobSummary summary(UUID uuid) {
		List<JobSummary> rows = this.jdbc.query(
				"SELECT %s FROM %s q WHERE q.uuid = :uuid".formatted(SUMMARY_COLUMNS, this.table),
				new MapSqlParameterSource("uuid", uuid), (rs, row) -> summary(rs));
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
