package io.queuejob.spring.autoconfigure;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.postgresql.util.PSQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Reports a start-up that failed because no PostgreSQL answers (the driver's connection
 * exception, SQL state class {@code 08}, anywhere in the cause chain) as one message
 * naming the configured URL and how to point the application at a PostgreSQL. Other
 * database errors, such as a wrong password, are left to other analyzers.
 */
class PostgresUnreachableFailureAnalyzer implements FailureAnalyzer {

	private static final String CONNECTION_EXCEPTION_CLASS = "08";

	private static final String URL_PROPERTY = "spring.datasource.url";

	private static final String SETTINGS = "set spring.datasource.url, spring.datasource.username and"
			+ " spring.datasource.password (or the environment variables SPRING_DATASOURCE_URL,"
			+ " SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD)";

	private final Environment environment;

	/**
	 * Create the analyzer.
	 * @param environment the environment, for the configured JDBC URL
	 */
	PostgresUnreachableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		PSQLException cause = connectionFailure(failure);
		if (cause == null) {
			return null;
		}
		String url = this.environment.getProperty(URL_PROPERTY);
		if (url == null) {
			return new FailureAnalysis(
					"No PostgreSQL answers at the configured data source (" + rootMessage(cause) + ")",
					"Start the PostgreSQL of the data source, or point the application at one that answers: " + SETTINGS
							+ ".",
					cause);
		}
		return new FailureAnalysis("No PostgreSQL answers at " + url + " (" + rootMessage(cause) + ")",
				"Start PostgreSQL at " + url + ", or point the application at one that answers: " + SETTINGS + ".",
				cause);
	}

	private static PSQLException connectionFailure(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable candidate = failure; candidate != null
				&& seen.add(candidate); candidate = candidate.getCause()) {
			if (candidate instanceof PSQLException psql && psql.getSQLState() != null
					&& psql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
				return psql;
			}
		}
		return null;
	}

	private static String rootMessage(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
