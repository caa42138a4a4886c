package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.util.List;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.QueueJobSchemaMigration;
import io.queuejob.spring.testsupport.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs of the autovacuum's tests, on a fresh database, written as rows: finished at a
 * given time, linked in graphs, and run to done through the runner's and the workers'
 * stores.
 */
final class VacuumedJobs {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private VacuumedJobs(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/**
	 * The jobs of a fresh test database with the starter's schema.
	 * @return the jobs
	 */
	static VacuumedJobs onFreshDatabase() {
		DataSource dataSource = TestDatabase.fresh().dataSource();
		new QueueJobSchemaMigration(dataSource).migrate();
		return new VacuumedJobs(dataSource);
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	TransactionTemplate transaction() {
		return this.transaction;
	}

	long insert(String state, String channel, Timestamp dateDone, Timestamp dateCancelled) {
		return this.jdbc.queryForObject("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args,
				                       date_done, date_cancelled)
				VALUES (gen_random_uuid(), ?, ?, 10, 5, 'testJobs.run', '[]', ?, ?)
				RETURNING id
				""", Long.class, state, channel, dateDone, dateCancelled);
	}

	void edge(long parent, long child) {
		this.jdbc.update("INSERT INTO queue_job_dependency (parent_id, child_id) VALUES (?, ?)", parent, child);
	}

	/**
	 * Enqueue a pending job, claim it and mark it done, as the runner and a worker do.
	 */
	void runToDone(long id) {
		JobStores stores = JdbcJobStores.create(this.jdbc, QueueJobSchema.CURRENT, false);
		this.transaction.executeWithoutResult((status) -> {
			assertThat(stores.runner().enqueue(List.of(id))).isEqualTo(1);
			List<ClaimedJob> claimed = stores.workers().claim(1, "test-worker");
			assertThat(claimed).singleElement().extracting(ClaimedJob::id).isEqualTo(id);
			assertThat(stores.workers().markDone(claimed.get(0), null)).isTrue();
		});
	}

	String state(long id) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE id = ?", String.class, id);
	}

}
