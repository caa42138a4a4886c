package io.queuejob.spring.internal.function;

/**
 * What the job method proxy needs of the job queue. Internal.
 */
public interface JobEnqueuer {

	/**
	 * Store a job for a call of a job function, with the function's default options.
	 * @param function the job function
	 * @param args the call's arguments
	 */
	void enqueue(JobFunction function, Object[] args);

	/**
	 * Whether calls run at once instead of being stored (no-delay mode).
	 * @return {@code true} in no-delay mode
	 */
	boolean runsImmediately();

	/**
	 * Check that the arguments of a call that runs at once could be stored, as they are
	 * when a job is enqueued.
	 * @param function the job function
	 * @param args the call's arguments
	 * @throws IllegalArgumentException naming the parameter when an argument could not be
	 * stored or would not come back as passed
	 */
	void check(JobFunction function, Object[] args);

}
