package io.queuejob.spring.event;

import java.time.Instant;

import io.queuejob.core.JobState;

/**
 * A job ended {@code failed}: its tries are exhausted, it raised a failure that is not
 * retried, it could not be called, or its node died with no try left
 * ({@code JobFoundDead}, also published as a {@link JobRescuedEvent}). It stays failed
 * until someone requeues it.
 */
public final class JobFailedEvent extends JobErrorEvent {

	/**
	 * Create the event.
	 * @param job the job
	 * @param excName the exception's class name (or a name such as
	 * {@code NoSuchJobFunction})
	 * @param excMessage the exception's message, or {@code null}
	 * @param occurredAt when the change was committed
	 */
	public JobFailedEvent(JobSummary job, String excName, String excMessage, Instant occurredAt) {
		super(job, JobState.FAILED, excName, excMessage, occurredAt);
	}

}
