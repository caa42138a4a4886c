package io.queuejob.spring.internal.runner;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import io.queuejob.core.RetryableJobException;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * How the workers treat database failures.
 * <ul>
 * <li>Serialization failures, deadlocks and lock timeouts inside a transactional job: the
 * worker runs the job again at once, after a short random back-off and in a new
 * transaction, without counting a try, up to {@link #MAX_IMMEDIATE_RETRIES} times; after
 * that the failure counts as a retryable try.</li>
 * <li>A lost or refused connection: the job's try does not count and it is retried a few
 * seconds later; writing an outcome is retried until it succeeds or the node stops, so a
 * job is never left started by a live node.</li>
 * </ul>
 */
final class DatabaseFailures {

	/** How many times a concurrency failure is retried at once without counting. */
	static final int MAX_IMMEDIATE_RETRIES = 3;

	private static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03");

	private static final Set<String> CONNECTION_SQL_STATES = Set.of("57P01", "57P02", "57P03");

	private static final long MAX_WRITE_BACK_OFF_MILLIS = 5000;

	private static final long BASE_BACK_OFF_MILLIS = 20;

	private DatabaseFailures() {
	}

	static boolean isConcurrencyFailure(Throwable error) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (current instanceof ConcurrencyFailureException) {
				return true;
			}
			if (current instanceof SQLException sql && sql.getSQLState() != null
					&& SQL_STATES.contains(sql.getSQLState())) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	static boolean isConnectionFailure(Throwable error) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (current instanceof DataAccessResourceFailureException
					|| current instanceof CannotCreateTransactionException
					|| current instanceof RecoverableDataAccessException) {
				return true;
			}
			if (current instanceof SQLException sql && isConnectionFailure(sql)) {
				return true;
			}
			if (current instanceof SocketException || current instanceof EOFException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static boolean isConnectionFailure(SQLException error) {
		String state = error.getSQLState();
		if (state != null) {
			return state.startsWith("08") || CONNECTION_SQL_STATES.contains(state);
		}
		// the pool's closed connections say so without a SQL state
		String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
		return message.contains("connection is closed") || message.contains("connection has been closed");
	}

	static RetryableJobException connectionLost(Throwable error) {
		return new RetryableJobException("The database connection failed during the job: " + error.getMessage(),
				Duration.ofSeconds(1), Duration.ofSeconds(5), true, error);
	}

	/**
	 * Write an outcome, retrying while the database cannot be reached.
	 * @param write the write
	 * @return what the write returned
	 */
	static boolean persist(BooleanSupplier write) {
		for (int attempt = 1;; attempt++) {
			try {
				return write.getAsBoolean();
			}
			catch (RuntimeException ex) {
				if (!isConnectionFailure(ex) || Thread.currentThread().isInterrupted()) {
					throw ex;
				}
				try {
					Thread.sleep(Math.min(MAX_WRITE_BACK_OFF_MILLIS, 250L << Math.min(attempt, 5)));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	static RetryableJobException asRetryable(Throwable error) {
		return new RetryableJobException("Concurrency failure, retried " + MAX_IMMEDIATE_RETRIES
				+ " times at once without success: " + error.getMessage(), null, null, false, error);
	}

	static void backOff(int attempt) {
		long max = BASE_BACK_OFF_MILLIS << Math.min(attempt, 6);
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(max / 2, max + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
