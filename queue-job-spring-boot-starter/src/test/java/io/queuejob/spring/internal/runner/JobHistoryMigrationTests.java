package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.JobVacuumStore;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.QueueJobSchemaMigration;
import io.queuejob.spring.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade to the history table on a populated database: a database at the version
 * before it, holding jobs of every state in graphs, is migrated, and the autovacuum then
 * moves its finished jobs in batches; every job, column for column, and every edge is
 * still there, in one table or the other.
 */
class JobHistoryMigrationTests {

	private final DataSource dataSource = TestDatabase.fresh().dataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@Test
	void upgradingAPopulatedDatabaseAndMovingItsFinishedJobsLosesNoJobAndNoEdge() {
		Flyway.configure(getClass().getClassLoader())
			.dataSource(this.dataSource)
			.locations(QueueJobSchemaMigration.LOCATION)
			.table(QueueJobSchemaMigration.HISTORY_TABLE)
			.target("11")
			.load()
			.migrate();
		populate();
		Set<String> jobs = jobs("SELECT to_jsonb(q)::text FROM queue_job q");
		Set<List<Object>> edges = edges("""
				SELECT p.uuid, c.uuid FROM queue_job_dependency d
				JOIN queue_job p ON p.id = d.parent_id JOIN queue_job c ON c.id = d.child_id
				""");
		assertThat(jobs).hasSize(3000);

		new QueueJobSchemaMigration(this.dataSource).migrate();
		Instant now = this.jdbc.queryForObject("SELECT clock_timestamp()", Timestamp.class).toInstant();
		JobVacuum vacuum = new JobVacuum(new JobVacuumStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobVacuum.Settings(Duration.ofDays(30), Map.of(), Duration.ofHours(1), 250,
						new JobVacuum.History(true, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ZERO),
						Clock.fixed(now, ZoneOffset.UTC)),
				() -> true, new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)));
		assertThat(vacuum.vacuum()).isZero();

		// the 900 done and 900 cancelled jobs moved but the 300 cancelled ones a child
		// still waits for
		assertThat(vacuum.movedJobs()).isEqualTo(1500);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job", Integer.class)).isEqualTo(1500);
		Set<String> after = jobs("SELECT to_jsonb(q)::text FROM queue_job q");
		after.addAll(jobs("""
				SELECT (to_jsonb(h) - 'date_expires' - 'parent_uuids' - 'child_uuids')::text FROM queue_job_history h
				"""));
		assertThat(after).isEqualTo(jobs);
		Set<List<Object>> edgesAfter = edges("""
				SELECT p.uuid, c.uuid FROM queue_job_dependency d
				JOIN queue_job p ON p.id = d.parent_id JOIN queue_job c ON c.id = d.child_id
				UNION
				SELECT unnest(parent_uuids), uuid FROM queue_job_history
				UNION
				SELECT uuid, unnest(child_uuids) FROM queue_job_history
				""");
		assertThat(edgesAfter).isEqualTo(edges);
	}

	/**
	 * 3,000 jobs finished a day ago or not finished: chains of three (done → done →
	 * pending, done → cancelled → cancelled), pairs (cancelled → waiting), and single
	 * failed, started and pending jobs, with most columns the version knew set.
	 */
	private void populate() {
		this.jdbc.execute("""
				INSERT INTO queue_job (uuid, graph_uuid, state, channel, priority, max_retries, job_function, args,
				    description, result, date_created, date_enqueued, date_started, date_done, date_cancelled,
				    date_failed, exec_time_ms, identity_key, worker, created_by, retry, timeout, progress,
				    progress_message, trace_context, partition_key)
				SELECT gen_random_uuid(), NULL, s.state, 'root.c' || (g % 3), g % 20, 5, 'jobs.f' || (g % 4),
				    jsonb_build_array(g, 'x'), 'job ' || g, CASE WHEN s.state = 'done' THEN '{"n": ' || g || '}' END,
				    now() - interval '2 days', now() - interval '2 days', now() - interval '1 day',
				    CASE WHEN s.state = 'done' THEN now() - interval '1 day' END,
				    CASE WHEN s.state = 'cancelled' THEN now() - interval '1 day' END,
				    CASE WHEN s.state = 'failed' THEN now() - interval '1 day' END,
				    g, NULL, 'node-' || (g % 2), 'user', g % 3, interval '1 minute', g % 100, 'step ' || g,
				    '00-trace-' || g || '-01', 'key-' || (g % 7)
				FROM generate_series(1, 3000) g
				CROSS JOIN LATERAL (SELECT CASE
				    WHEN g <= 900 THEN CASE WHEN g % 3 = 0 THEN 'pending' ELSE 'done' END
				    WHEN g <= 1800 THEN CASE WHEN g % 3 = 1 THEN 'done' ELSE 'cancelled' END
				    WHEN g <= 2400 THEN CASE WHEN g % 2 = 1 THEN 'cancelled' ELSE 'wait_dependencies' END
				    WHEN g <= 2600 THEN 'failed'
				    WHEN g <= 2800 THEN 'started'
				    ELSE 'pending' END AS state) s
				""");
		// graphs: each chain of three (g, g+1, g+2 from 1) or pair shares a graph and
		// edges
		this.jdbc.execute(
				"""
						UPDATE queue_job q SET graph_uuid = g.uuid FROM (
						    SELECT id, md5('graph-' || CASE WHEN id <= 1800 THEN (id - 1) / 3 ELSE 1000 + (id - 1) / 2 END)::uuid AS uuid
						    FROM queue_job WHERE id <= 2400) g
						WHERE q.id = g.id
						""");
		this.jdbc.execute("""
				INSERT INTO queue_job_dependency (parent_id, child_id)
				SELECT id, id + 1 FROM queue_job WHERE id <= 1800 AND id % 3 <> 0
				UNION ALL
				SELECT id, id + 1 FROM queue_job WHERE id > 1800 AND id <= 2400 AND id % 2 = 1
				""");
	}

	private Set<String> jobs(String sql) {
		return new HashSet<>(this.jdbc.queryForList(sql, String.class));
	}

	private Set<List<Object>> edges(String sql) {
		return new HashSet<>(this.jdbc.query(sql, (rs, row) -> List.of(rs.getObject(1), rs.getObject(2))));
	}

}
