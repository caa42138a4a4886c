package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the jobs' progress: the latest report of many jobs in one statement, each
 * written only while the job is still the try of the worker that reported it (running, or
 * just ended done or failed by that worker).
 */
public final class JobProgressStore {

	private final JdbcTemplate jdbc;

	private final String write;

	/**
	 * Create the store.
	 * @param jdbc the JDBC template on the queue-job data source
	 * @param schema the schema of the queue-job tables
	 */
	public JobProgressStore(JdbcTemplate jdbc, QueueJobSchema schema) {
		this.jdbc = jdbc;
		this.write = """
				UPDATE %s j SET progress = p.percent, progress_message = p.message, progress_at = clock_timestamp()
				FROM unnest(?::int8[], ?::varchar[], ?::int4[], ?::int2[], ?::varchar[])
				    AS p (id, worker, retry, percent, message)
				WHERE j.id = p.id AND j.worker = p.worker AND j.retry = p.retry
				""".formatted(schema.tablePrefix() + "queue_job");
	}

	/**
	 * Write the latest progress of some jobs, outside any transaction.
	 * @param reports the reports, one per job
	 * @return how many jobs were written
	 */
	public int write(List<Report> reports) {
		if (reports.isEmpty()) {
			return 0;
		}
		return this.jdbc.update(this.write, (PreparedStatement ps) -> {
			ps.setArray(1, JobTables.array(ps, "int8", reports.stream().map((r) -> r.job().id()).toList()));
			ps.setArray(2, JobTables.array(ps, "varchar", reports.stream().map((r) -> r.job().worker()).toList()));
			ps.setArray(3, JobTables.array(ps, "int4", reports.stream().map((r) -> r.job().retry()).toList()));
			ps.setArray(4, JobTables.array(ps, "int2", reports.stream().map((r) -> (short) r.percent()).toList()));
			ps.setArray(5, JobTables.array(ps, "varchar", reports.stream().map(Report::message).toList()));
		});
	}

	/**
	 * A job's progress report.
	 *
	 * @param job the job, as claimed
	 * @param percent how much is done, 0 to 100
	 * @param message what it did, or {@code null}
	 */
	public record Report(ClaimedJob job, int percent, String message) {

	}

}
