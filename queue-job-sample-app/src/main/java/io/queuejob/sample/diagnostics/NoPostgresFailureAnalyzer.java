package io.queuejob.sample.diagnostics;

import java.net.ConnectException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.postgresql.util.PSQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns a start-up failure caused by an unreachable PostgreSQL into one clear message
 * that says how to point the sample at a database. It recognises a {@link PSQLException}
 * of SQL state class {@code 08} (connection exception) or a {@link ConnectException}
 * anywhere in the cause chain.
 */
public class NoPostgresFailureAnalyzer implements FailureAnalyzer {

	static final String ACTION = "Start PostgreSQL on 127.0.0.1:5432 or set SPRING_DATASOURCE_URL,"
			+ " SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD";

	private static final String CONNECTION_EXCEPTION_CLASS = "08";

	private final Environment environment;

	/**
	 * Create the analyzer.
	 * @param environment the environment, for the configured JDBC URL
	 */
	public NoPostgresFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		Throwable cause = connectionFailure(failure);
		if (cause == null) {
			return null;
		}
		String url = this.environment.getProperty("spring.datasource.url", "the configured data source");
		return new FailureAnalysis("No PostgreSQL answers at " + url + " (" + rootMessage(cause) + ")", ACTION, cause);
	}

	private static Throwable connectionFailure(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable candidate = failure; candidate != null
				&& seen.add(candidate); candidate = candidate.getCause()) {
			if (candidate instanceof PSQLException psql && psql.getSQLState() != null
					&& psql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
				return candidate;
			}
			if (candidate instanceof ConnectException) {
				return candidate;
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
