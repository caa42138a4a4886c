package io.queuejob.spring.internal.store;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds the {@link JobStores} on PostgreSQL, in plain JDBC. Every state change is
 * guarded by the state it leaves; a worker's outcome is also guarded by the worker and
 * the try it belongs to, so a late completion never overwrites what happened meanwhile.
 */
public final class JdbcJobStores {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private JdbcJobStores() {
	}

	/**
	 * Build the stores of one queue-job installation. The claim mode is chosen here,
	 * once.
	 * @param jdbc the JDBC template on the application's data source
	 * @param schema the schema of the queue-job tables, or {@code null} for the
	 * connection's current schema
	 * @param directClaims whether the workers also claim the ready pending jobs (no eta)
	 * themselves, leaving the runner only the jobs with an eta: for channels that limit
	 * nothing, where the runner would enqueue every job anyway
	 * @return the stores, which share one notification payload
	 * @throws IllegalArgumentException if the schema is not a plain SQL identifier
	 */
	public static JobStores create(JdbcTemplate jdbc, String schema, boolean directClaims) {
		JobTables tables = new JobTables(jdbc, tablePrefix(schema), UUID.randomUUID().toString());
		ClaimMode mode = directClaims ? ClaimMode.DIRECT : ClaimMode.THROUGH_RUNNER;
		return new JobStores(new JdbcEnqueueStore(tables, mode), new JdbcRunnerStore(tables, mode),
				new JdbcWorkerStore(tables, mode), new JdbcRescueStore(tables), tables.table(), tables.payload(),
				directClaims);
	}

	/**
	 * The prefix that qualifies the queue-job tables with their schema.
	 * @param schema the schema, or {@code null} or blank for the connection's current
	 * schema
	 * @return {@code "schema."}, or an empty string
	 * @throws IllegalArgumentException if the schema is not a plain SQL identifier
	 */
	public static String tablePrefix(String schema) {
		if (schema == null || schema.isBlank()) {
			return "";
		}
		if (!IDENTIFIER.matcher(schema).matches()) {
			throw new IllegalArgumentException(
					"queue-job.schema must be a plain SQL identifier (letters, digits, _), got '" + schema + "'");
		}
		return schema + ".";
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
