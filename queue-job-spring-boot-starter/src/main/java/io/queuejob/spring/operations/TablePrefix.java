package io.queuejob.spring.operations;

import java.util.regex.Pattern;

/**
 * The prefix that qualifies the queue-job tables with their schema.
 */
final class TablePrefix {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private TablePrefix() {
	}

	static String of(String schema) {
		if (schema == null || schema.isBlank()) {
			return "";
		}
		if (!IDENTIFIER.matcher(schema).matches()) {
			throw new IllegalArgumentException(
					"queue-job.schema must be a plain SQL identifier (letters, digits, _), got '" + schema + "'");
		}
		return schema + ".";
	}

}
