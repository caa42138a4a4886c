package io.queuejob.spring.event;

import java.time.Instant;

import io.queuejob.core.JobState;

/**
 * The node that ran a job died, and the runner rescued the job: it went back to
 * {@code pending}, or to {@code failed} with {@code JobFoundDead} when no try was left
 * (then a {@link JobFailedEvent} is published too), or to {@code cancelled} when a newer
 * job with the same identity key waits. {@link #getWorker()} is the dead node.
 */
public final class JobRescuedEvent extends JobLifecycleEvent {

	/**
	 * Create the event.
	 * @param job the job, as it was while started on the dead node
	 * @param state the state the job went to
	 * @param occurredAt when the change was committed
	 */
	public JobRescuedEvent(JobSummary job, JobState state, Instant occurredAt) {
		super(job, state, occurredAt);
	}

}
