package io.queuejob.spring.internal.runner;

import java.time.Duration;

import io.queuejob.core.JobOutcome;
import io.queuejob.core.JobTimeoutException;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.WorkerStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Ends the tries the node stopped: a timed-out job whose function does not retry on
 * timeout fails; a timed-out try whose thread was given up fails at once, for good. A
 * cancelled job is {@code cancelled} already, with its waiting dependents: the user's
 * cancel wrote it, and its try has nothing to write. Every write is guarded by the worker
 * and the try, so a stopped job ends once whichever of its thread and the watcher writes
 * first.
 */
final class StoppedTries {

	private static final Log logger = LogFactory.getLog(StoppedTries.class);

	private final WorkerStore store;

	private final JobLifecycleObserver observer;

	private final JobFailureLog log;

	StoppedTries(WorkerStore store, JobLifecycleObserver observer, JobFailureLog log) {
		this.store = store;
		this.observer = observer;
		this.log = log;
	}

	/**
	 * Write the outcome of a try that threw, if it is one of a stopped try that the retry
	 * pattern does not decide.
	 * @return whether it was such a try
	 */
	boolean record(ClaimedJob job, JobFunction function, Throwable error, Duration executionTime) {
		if (error instanceof JobCancelledException) {
			cancelled(job, executionTime);
			return true;
		}
		if (error instanceof JobTimeoutException && !function.retryOnTimeout()) {
			failed(job, JobOutcome.failed(error), error, executionTime);
			return true;
		}
		return false;
	}

	/**
	 * End the job of a stopped try whose thread did not end within the stop grace period.
	 * It is not retried: its thread may still run it.
	 */
	void abandoned(RunningJob running) {
		ClaimedJob job = running.job();
		Thread thread = running.thread();
		RuntimeException error = running.stopReason()
			.error(job, "its worker thread did not end within the stop grace period and was given up;"
					+ " not retried, as the thread may still run it", null);
		error.setStackTrace(thread.getStackTrace());
		logger.error("queue-job gave up worker thread '" + thread.getName() + "' running job " + job.uuid() + " ("
				+ job.jobFunction() + "): " + error.getMessage() + "; a new thread takes its place", error);
		if (running.stopReason() == JobStop.TIMED_OUT) {
			failed(job, JobOutcome.failed(error), null, Duration.ZERO);
		}
	}

	private void cancelled(ClaimedJob job, Duration executionTime) {
		if (logger.isDebugEnabled()) {
			logger
				.debug("queue-job job " + job.uuid() + " (" + job.jobFunction() + ") stopped: cancelled while it ran");
		}
		this.observer.cancelled(job, executionTime);
	}

	private void failed(ClaimedJob job, JobOutcome.Failed outcome, Throwable error, Duration executionTime) {
		if (DatabaseFailures
			.persist(() -> this.store.markFailed(job, outcome.excName(), outcome.excMessage(), outcome.excInfo()))) {
			this.log.failed(job, outcome.excName(), outcome.excMessage(), error);
			this.observer.failed(job, outcome.excName(), outcome.excMessage(), executionTime);
		}
	}

}
