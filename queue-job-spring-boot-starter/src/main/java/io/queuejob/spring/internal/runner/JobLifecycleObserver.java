package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.DeadJob;

/**
 * Told of the changes of jobs on this node, after each change is written (committed):
 * what events and metrics are made of. Called on the threads that change the jobs (the
 * caller's, the workers', the runner's), so an implementation must be quick and must not
 * throw. Internal; applications listen to the events of {@code io.queuejob.spring.event}.
 */
public interface JobLifecycleObserver {

	/** An observer that does nothing. */
	JobLifecycleObserver NONE = new JobLifecycleObserver() {
	};

	/**
	 * Jobs were stored, in the current transaction if there is one (an implementation
	 * that must not count a rollback registers for the commit).
	 * @param channel the jobs' channel
	 * @param jobFunction the jobs' function
	 * @param count how many jobs were stored
	 */
	default void enqueued(String channel, String jobFunction, int count) {
	}

	/**
	 * A worker of this node starts running a job it claimed.
	 * @param job the job
	 */
	default void started(ClaimedJob job) {
	}

	/**
	 * A job ended {@code done}.
	 * @param job the job
	 * @param executionTime how long running it and writing the outcome took
	 */
	default void done(ClaimedJob job, Duration executionTime) {
	}

	/**
	 * A job went back to {@code pending} for a later try.
	 * @param job the job
	 * @param eta when it is tried again
	 * @param retry the tries counted so far, as stored (a try that did not count is not
	 * counted)
	 * @param excName the exception of the failed try
	 * @param excMessage its message, or {@code null}
	 * @param executionTime how long the try and writing the outcome took
	 */
	default void retried(ClaimedJob job, Instant eta, int retry, String excName, String excMessage,
			Duration executionTime) {
	}

	/**
	 * A job that should have been retried was cancelled instead: a newer job with the
	 * same identity key waits.
	 * @param job the job
	 * @param executionTime how long the try and writing the outcome took
	 */
	default void superseded(ClaimedJob job, Duration executionTime) {
	}

	/**
	 * A job was cancelled by a user while it ran, and ended {@code cancelled}.
	 * @param job the job
	 * @param executionTime how long the try and writing the outcome took
	 */
	default void cancelled(ClaimedJob job, Duration executionTime) {
	}

	/**
	 * A job ended {@code failed}.
	 * @param job the job
	 * @param excName the exception
	 * @param excMessage its message, or {@code null}
	 * @param executionTime how long the try and writing the outcome took, or
	 * {@link Duration#ZERO} when the job could not be called at all
	 */
	default void failed(ClaimedJob job, String excName, String excMessage, Duration executionTime) {
	}

	/**
	 * The runner rescued a job whose node died.
	 * @param job the job, as it was while started
	 * @param state the state it went to
	 */
	default void rescued(DeadJob job, JobState state) {
	}

	/**
	 * The runner ran a round (it held the round lock and planned).
	 * @param enqueued how many jobs the round chose to run
	 */
	default void round(int enqueued) {
	}

	/**
	 * Combine observers.
	 * @param observers the observers, called in this order
	 * @return one observer that calls them all, each shielded from the others' errors, or
	 * {@link #NONE} when there is none
	 */
	static JobLifecycleObserver of(List<? extends JobLifecycleObserver> observers) {
		return observers.isEmpty() ? NONE : new CompositeJobLifecycleObserver(observers);
	}

}
