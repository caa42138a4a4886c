package io.queuejob.spring.internal.runner;

import io.queuejob.spring.internal.store.ClaimedJob;

/**
 * What surrounds each job a worker runs, on the worker's thread: opened before the job is
 * called, closed once its outcome is written (such as an observation and its tracing
 * span, or the logging MDC).
 */
@FunctionalInterface
public interface JobExecutionScope {

	/** A scope that does nothing. */
	JobExecutionScope NONE = (job) -> () -> {
	};

	/**
	 * Open the scope of a job's try.
	 * @param job the job, as claimed
	 * @return what closes it, after the try's outcome
	 */
	Opened open(ClaimedJob job);

	/**
	 * An open scope.
	 */
	@FunctionalInterface
	interface Opened extends AutoCloseable {

		@Override
		void close();

	}

}
