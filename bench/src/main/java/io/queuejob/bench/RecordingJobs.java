package io.queuejob.bench;

import javax.sql.DataSource;

import io.queuejob.spring.QueueJob;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The jobs of W5, whose nodes are processes of their own: each run of a job counts itself
 * in the table {@code bench_run}, in the job's transaction, so that the bench checks in
 * the database that each job ran exactly once, whichever process ran it.
 */
public class RecordingJobs {

	/** The table the jobs count their runs in, one row per job number. */
	static final String TABLE = "CREATE TABLE bench_run (n integer PRIMARY KEY, runs integer NOT NULL)";

	private final JdbcTemplate jdbc;

	RecordingJobs(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * A transactional job that only counts its run: one row per job number, its count
	 * raised by a second run. It commits with the job's move to {@code done}.
	 * @param n the job number
	 */
	@QueueJob(transactional = true)
	public void tx(int n) {
		this.jdbc.update(
				"INSERT INTO bench_run (n, runs) VALUES (?, 1) ON CONFLICT (n) DO UPDATE SET runs = bench_run.runs + 1",
				n);
	}

}
