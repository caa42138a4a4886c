package io.queuejob.spring.runner;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.queuejob.core.RetryableJobException;

import org.springframework.dao.ConcurrencyFailureException;

/**
 * Serialization failures, deadlocks and lock timeouts inside a transactional job: the
 * worker runs the job again at once, after a short random back-off and in a new
 * transaction, without counting a try, up to {@link #MAX_IMMEDIATE_RETRIES} times; after
 * that the failure counts as a retryable try.
 */
final class ConcurrencyFailures {

	/** How many times a concurrency failure is retried at once without counting. */
	static final int MAX_IMMEDIATE_RETRIES = 3;

	private static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03");

	private static final long BASE_BACK_OFF_MILLIS = 20;

	private ConcurrencyFailures() {
	}

	static boolean isConcurrencyFailure(Throwable error) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (current instanceof ConcurrencyFailureException) {
				return true;
			}
			if (current instanceof SQLException sql && SQL_STATES.contains(sql.getSQLState())) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
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
