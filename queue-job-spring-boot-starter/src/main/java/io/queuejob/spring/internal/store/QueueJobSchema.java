package io.queuejob.spring.internal.store;

import java.util.regex.Pattern;

import io.queuejob.spring.InvalidQueueJobPropertyException;

/**
 * The schema of the queue-job tables ({@code queue-job.schema}), validated once: a plain
 * PostgreSQL identifier of lower-case letters, digits and underscores, not starting with
 * a digit, at most 63 characters. Lower case only, because PostgreSQL folds the unquoted
 * names of the statements to lower case while the migration quotes the schema name, so a
 * name with capitals would name two different schemas.
 *
 * @param name the schema, or {@code null} for the connection's current schema
 */
public record QueueJobSchema(String name) {

	/** The connection's current schema: the tables are not qualified. */
	public static final QueueJobSchema CURRENT = new QueueJobSchema(null);

	private static final String PROPERTY = "queue-job.schema";

	private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	/**
	 * Create a schema.
	 * @param name the schema, or {@code null} for the connection's current schema
	 * @throws InvalidQueueJobPropertyException naming {@code queue-job.schema} if the
	 * name is not a plain lower-case identifier
	 */
	public QueueJobSchema {
		if (name != null && !PLAIN_IDENTIFIER.matcher(name).matches()) {
			throw new InvalidQueueJobPropertyException(PROPERTY,
					"Invalid " + PROPERTY + " '" + name
							+ "': use a plain SQL identifier of lower-case letters, digits and underscores,"
							+ " not starting with a digit, at most 63 characters",
					"Set " + PROPERTY + " to such a name, such as queue_job, or leave it empty for the"
							+ " connection's current schema.",
					null);
		}
	}

	/**
	 * The schema of a property value.
	 * @param value the value of {@code queue-job.schema}: {@code null} or blank for the
	 * connection's current schema
	 * @return the schema
	 * @throws InvalidQueueJobPropertyException naming {@code queue-job.schema} if the
	 * value is not a plain lower-case identifier
	 */
	public static QueueJobSchema of(String value) {
		return (value == null || value.isBlank()) ? CURRENT : new QueueJobSchema(value);
	}

	/**
	 * Whether the tables are in the connection's current schema.
	 * @return {@code true} when no schema is named
	 */
	public boolean isCurrent() {
		return this.name == null;
	}

	/**
	 * The prefix that qualifies the queue-job tables with their schema.
	 * @return {@code "schema."}, or an empty string for the connection's current schema
	 */
	public String tablePrefix() {
		return (this.name != null) ? this.name + "." : "";
	}

}
