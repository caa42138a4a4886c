package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@link EnqueueStore} in plain JDBC.
 */
final class JdbcEnqueueStore implements EnqueueStore {

	private static final RowMapper<WaitingJob> WAITING = (rs, row) -> new WaitingJob(rs.getLong(1),
			rs.getObject(2, UUID.class));

	private final JobTables tables;

	private final JdbcTemplate jdbc;

	private final ClaimMode mode;

	private final String insert;

	private final String insertQuietly;

	private final String insertAll;

	private final String waitingByIdentityKey;

	private final String holdWaitingByIdentityKey;

	private final String insertDependency;

	JdbcEnqueueStore(JobTables tables, ClaimMode mode) {
		this.tables = tables;
		this.jdbc = tables.jdbc();
		this.mode = mode;
		String table = tables.table();
		// the notification rides on the insert: one round trip less per job
		String insert = """
				WITH inserted AS (
				    INSERT INTO %s (uuid, graph_uuid, state, channel, priority, eta, max_retries, job_function,
				                    args, description, identity_key, created_by, timeout, trace_context, partition_key)
				    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::int8 * interval '1 millisecond', ?, ?)
				    ON CONFLICT (identity_key)
				        WHERE identity_key IS NOT NULL AND state IN ('wait_dependencies', 'pending', 'enqueued')
				        DO NOTHING
				    RETURNING id
				)
				""".formatted(table);
		this.insert = insert + "SELECT id, pg_notify(?, ?) FROM inserted";
		this.insertQuietly = insert + "SELECT id FROM inserted";
		this.insertAll = """
				INSERT INTO %s (uuid, state, channel, priority, eta, max_retries, job_function,
				                description, created_by, timeout, trace_context, args, identity_key, partition_key)
				SELECT gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?::int8 * interval '1 millisecond', ?,
				       a.args::jsonb, a.identity_key, a.partition_key
				FROM unnest(?::text[], ?::varchar[], ?::text[]) WITH ORDINALITY AS a (args, identity_key, partition_key, n)
				ORDER BY a.n
				ON CONFLICT (identity_key)
				    WHERE identity_key IS NOT NULL AND state IN ('wait_dependencies', 'pending', 'enqueued')
				    DO NOTHING
				"""
			.formatted(table);
		this.waitingByIdentityKey = """
				SELECT id, uuid FROM %s
				WHERE identity_key = ? AND state IN ('wait_dependencies', 'pending', 'enqueued')
				""".formatted(table);
		// queue_job_identity_key_idx; the update locks the row until commit
		this.holdWaitingByIdentityKey = """
				UPDATE %s SET graph_uuid = coalesce(graph_uuid, ?),
				    state = CASE WHEN ? THEN 'wait_dependencies' ELSE state END
				WHERE identity_key = ? AND state IN ('wait_dependencies', 'pending', 'enqueued')
				RETURNING id, uuid
				""".formatted(table);
		this.insertDependency = """
				INSERT INTO %s (parent_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING
				""".formatted(tables.dependencies());
	}

	@Override
	public Long insert(NewJob job, boolean notify) {
		List<Long> ids = this.jdbc.query(notify ? this.insert : this.insertQuietly, (ps) -> bindInsert(ps, job, notify),
				(rs, row) -> rs.getLong(1));
		return ids.isEmpty() ? null : ids.get(0);
	}

	private void bindInsert(PreparedStatement ps, NewJob job, boolean notify) throws SQLException {
		ps.setObject(1, job.uuid());
		ps.setObject(2, job.graphUuid());
		ps.setString(3, job.state().dbValue());
		ps.setString(4, job.channel());
		ps.setInt(5, job.priority());
		ps.setObject(6, JobTables.timestamp(job.eta()));
		ps.setInt(7, job.maxRetries());
		ps.setString(8, job.jobFunction());
		ps.setString(9, job.argumentsJson());
		ps.setString(10, job.description());
		ps.setString(11, job.identityKey());
		ps.setString(12, job.createdBy());
		ps.setObject(13, millis(job.timeout()), Types.BIGINT);
		ps.setString(14, job.traceContext());
		ps.setString(15, job.partitionKey());
		if (notify) {
			ps.setString(16, channelToNotify(job.state(), job.eta()));
			ps.setString(17, this.tables.payload());
		}
	}

	@Override
	public int insertAll(NewJob template, List<String> argumentsJson, List<String> identityKeys,
			List<String> partitionKeys) {
		List<String> none = Collections.nCopies(argumentsJson.size(), null);
		return this.jdbc.update(this.insertAll, (PreparedStatement ps) -> {
			ps.setString(1, template.state().dbValue());
			ps.setString(2, template.channel());
			ps.setInt(3, template.priority());
			ps.setObject(4, JobTables.timestamp(template.eta()));
			ps.setInt(5, template.maxRetries());
			ps.setString(6, template.jobFunction());
			ps.setString(7, template.description());
			ps.setString(8, template.createdBy());
			ps.setObject(9, millis(template.timeout()), Types.BIGINT);
			ps.setString(10, template.traceContext());
			ps.setArray(11, JobTables.array(ps, "text", argumentsJson));
			ps.setArray(12, JobTables.array(ps, "varchar", (identityKeys != null) ? identityKeys : none));
			ps.setArray(13, JobTables.array(ps, "text", (partitionKeys != null) ? partitionKeys : none));
		});
	}

	private static Long millis(Duration timeout) {
		return (timeout != null) ? timeout.toMillis() : null;
	}

	@Override
	public WaitingJob findWaitingByIdentityKey(String identityKey) {
		List<WaitingJob> jobs = this.jdbc.query(this.waitingByIdentityKey, WAITING, identityKey);
		return jobs.isEmpty() ? null : jobs.get(0);
	}

	@Override
	public WaitingJob holdWaitingByIdentityKey(String identityKey, UUID graphUuid, boolean gainsParents) {
		List<WaitingJob> jobs = this.jdbc.query(this.holdWaitingByIdentityKey, WAITING, graphUuid, gainsParents,
				identityKey);
		return jobs.isEmpty() ? null : jobs.get(0);
	}

	@Override
	public void insertDependency(long parentId, long childId) {
		this.jdbc.update(this.insertDependency, parentId, childId);
	}

	@Override
	public String channelToNotify(JobState state, Instant eta) {
		return this.mode.channelToNotify(state, eta);
	}

	@Override
	public void notify(String channel) {
		this.tables.notify(channel);
	}

}
