package io.queuejob.spring.internal.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.queuejob.spring.internal.store.ClaimedJob;
import org.apache.commons.logging.Log;

/**
 * Logs the outcomes of jobs that did not succeed: a WARN line for each failed try that is
 * tried again (or that a newer job with the same identity key supersedes), an ERROR line
 * for each job that fails for good, each naming the job's function, uuid and try. The
 * stack trace goes with the first such line of a function in a minute and is logged at
 * DEBUG otherwise, so that a function whose every job fails does not flood the log. Jobs
 * that succeed are logged at DEBUG only.
 */
final class JobFailureLog {

	private static final Duration TRACE_INTERVAL = Duration.ofMinutes(1);

	private static final int MAX_SUMMARY_LENGTH = 500;

	private final Log logger;

	private final Clock clock;

	private final Map<String, Instant> lastTrace = new ConcurrentHashMap<>();

	JobFailureLog(Log logger, Clock clock) {
		this.logger = logger;
		this.clock = clock;
	}

	void done(ClaimedJob job, Duration executionTime) {
		if (this.logger.isDebugEnabled()) {
			this.logger.debug(describe(job) + " done in " + executionTime.toMillis() + " ms");
		}
	}

	void retried(ClaimedJob job, Instant eta, String excName, String excMessage, Throwable error) {
		if (this.logger.isWarnEnabled()) {
			warn(job, describe(job) + " failed: " + summary(excName, excMessage) + "; next try at " + eta, error);
		}
	}

	void superseded(ClaimedJob job, String excName, String excMessage, Throwable error) {
		if (this.logger.isWarnEnabled()) {
			warn(job,
					describe(job) + " failed: " + summary(excName, excMessage)
							+ "; cancelled instead of tried again: a newer job with the same identity key waits",
					error);
		}
	}

	void failed(ClaimedJob job, String excName, String excMessage, Throwable error) {
		if (!this.logger.isErrorEnabled()) {
			return;
		}
		String message = describe(job) + " failed for good: " + summary(excName, excMessage);
		if (error != null && takeTrace(job.jobFunction())) {
			this.logger.error(message, error);
			return;
		}
		this.logger.error(message);
		debugTrace(job, error);
	}

	private void warn(ClaimedJob job, String message, Throwable error) {
		if (error != null && takeTrace(job.jobFunction())) {
			this.logger.warn(message, error);
			return;
		}
		this.logger.warn(message);
		debugTrace(job, error);
	}

	private void debugTrace(ClaimedJob job, Throwable error) {
		if (error != null && this.logger.isDebugEnabled()) {
			this.logger.debug("Stack trace of " + describe(job), error);
		}
	}

	/**
	 * Whether this line of the function may carry the stack trace: the first in a minute.
	 */
	private boolean takeTrace(String function) {
		Instant now = this.clock.instant();
		Instant last = this.lastTrace.get(function);
		if (last != null && now.isBefore(last.plus(TRACE_INTERVAL))) {
			return false;
		}
		// of threads failing the same function at once, one wins
		return (last != null) ? this.lastTrace.replace(function, last, now)
				: this.lastTrace.putIfAbsent(function, now) == null;
	}

	private static String describe(ClaimedJob job) {
		return describe(job.uuid(), job.jobFunction(), job.retry(), job.maxRetries());
	}

	/**
	 * How log lines name a job's try: {@code Job <uuid> (<function>) try 2 of 5}.
	 */
	static String describe(UUID uuid, String function, int retry, int maxRetries) {
		String tries = (maxRetries > 0) ? " of " + maxRetries : " (no limit)";
		return "Job " + uuid + " (" + function + ") try " + retry + tries;
	}

	private static String summary(String excName, String excMessage) {
		if (excMessage == null || excMessage.isBlank()) {
			return excName;
		}
		String message = excMessage.strip();
		int newline = message.indexOf('\n');
		if (newline >= 0) {
			message = message.substring(0, newline).stripTrailing() + " …";
		}
		if (message.length() > MAX_SUMMARY_LENGTH) {
			message = message.substring(0, MAX_SUMMARY_LENGTH) + "…";
		}
		return excName + ": " + message;
	}

}
