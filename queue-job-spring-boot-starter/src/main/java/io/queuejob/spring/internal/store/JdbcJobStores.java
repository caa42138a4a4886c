package io.queuejob.spring.internal.store;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds the {@link JobStores} on PostgreSQL, in plain JDBC. Every state change is
 * guarded by the state it leaves; a worker's outcome is also guarded by the worker and
 * the try it belongs to, so a late completion never overwrites what happened meanwhile.
 */
public final class JdbcJobStores {

	private JdbcJobStores() {
	}

	/**
	 * Build the stores of one queue-job installation. The claim mode is chosen here,
	 * once.
	 * @param jdbc the JDBC template on the application's data source
	 * @param schema the schema of the queue-job tables
	 * @param directClaims whether the workers also claim the ready pending jobs (no eta)
	 * themselves, leaving the runner only the jobs with an eta: for channels that limit
	 * nothing, where the runner would enqueue every job anyway
	 * @return the stores, which share one notification payload
	 */
	public static JobStores create(JdbcTemplate jdbc, QueueJobSchema schema, boolean directClaims) {
		JobTables tables = new JobTables(jdbc, schema.tablePrefix(), UUID.randomUUID().toString());
		ClaimMode mode = directClaims ? ClaimMode.DIRECT : ClaimMode.THROUGH_RUNNER;
		return new JobStores(new JdbcEnqueueStore(tables, mode), new JdbcRunnerStore(tables, mode),
				new JdbcWorkerStore(tables, mode), new JdbcRescueStore(tables), new JdbcStopStore(tables),
				tables.table(), tables.payload(), directClaims);
	}

	/**
	 * Escape a text for a {@code LIKE} pattern: the wildcards {@code %} and {@code _} and
	 * the escape character, a backslash, so that the text matches itself only.
	 * @param text the text to match literally
	 * @return the escaped text
	 */
	public static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
