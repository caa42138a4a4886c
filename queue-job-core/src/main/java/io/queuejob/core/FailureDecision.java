package io.queuejob.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides the {@link JobOutcome} of a try that threw.
 */
final class FailureDecision {

	private final int retry;

	private final int maxRetries;

	private final RetryPattern pattern;

	private final Instant now;

	private final RandomGenerator random;

	FailureDecision(int retry, int maxRetries, RetryPattern pattern, Instant now, RandomGenerator random) {
		if (retry < 1) {
			throw new IllegalArgumentException("retry counts this try, so it must be at least 1, got " + retry);
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must be 0 (unlimited) or more, got " + maxRetries);
		}
		this.retry = retry;
		this.maxRetries = maxRetries;
		this.pattern = Objects.requireNonNull(pattern, "pattern must not be null");
		this.now = Objects.requireNonNull(now, "now must not be null");
		this.random = Objects.requireNonNull(random, "random must not be null");
	}

	JobOutcome decide(Throwable thrown) {
		Throwable error = unwrap(Objects.requireNonNull(thrown, "error must not be null"));
		if (error instanceof NothingToDoJob nothingToDo) {
			return new JobOutcome.Done(nothingToDo.getMessage());
		}
		if (error instanceof RetryableJobException retryable) {
			return retryOrFail(retryable);
		}
		return failed(error);
	}

	private JobOutcome retryOrFail(RetryableJobException error) {
		if (error.ignoreRetry()) {
			return retryAfter(this.retry - 1, error);
		}
		if (this.maxRetries != 0 && this.retry >= this.maxRetries) {
			return failed(maxRetriesReached(error));
		}
		return retryAfter(this.retry, error);
	}

	private JobOutcome retryAfter(int counted, RetryableJobException error) {
		Instant eta = this.now.plus(this.pattern.delayFor(counted, error, this.random));
		return new JobOutcome.Retry(eta, counted, error.getMessage(), error.getClass().getName(), stackTrace(error));
	}

	private FailedJobException maxRetriesReached(RetryableJobException error) {
		String message = "Max. retries (" + this.maxRetries + ") reached: " + messageOf(error);
		FailedJobException failed = new FailedJobException(message, error);
		failed.setStackTrace(new StackTraceElement[0]);
		return failed;
	}

	static JobOutcome.Failed failed(Throwable error) {
		return new JobOutcome.Failed(error.getClass().getName(), messageOf(error), stackTrace(error));
	}

	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof InvocationTargetException || current instanceof UndeclaredThrowableException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static String messageOf(Throwable error) {
		return (error.getMessage() != null) ? error.getMessage() : error.getClass().getName();
	}

	private static String stackTrace(Throwable error) {
		StringWriter text = new StringWriter();
		error.printStackTrace(new PrintWriter(text, true));
		return text.toString();
	}

}
