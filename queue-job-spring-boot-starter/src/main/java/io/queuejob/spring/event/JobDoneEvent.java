package io.queuejob.spring.event;

import java.time.Duration;
import java.time.Instant;

import io.queuejob.core.JobState;

/**
 * A job ended {@code done}. For a transactional job it is published after the job's own
 * transaction committed.
 */
public final class JobDoneEvent extends JobLifecycleEvent {

	private final Duration executionTime;

	/**
	 * Create the event.
	 * @param job the job
	 * @param executionTime how long the try ran, its outcome written
	 * @param occurredAt when the change was committed
	 */
	public JobDoneEvent(JobSummary job, Duration executionTime, Instant occurredAt) {
		super(job, JobState.DONE, occurredAt);
		this.executionTime = executionTime;
	}

	/**
	 * How long the last try ran, its outcome written.
	 * @return the execution time
	 */
	public Duration getExecutionTime() {
		return this.executionTime;
	}

	@Override
	String details() {
		return ", executionTime=" + this.executionTime;
	}

}
