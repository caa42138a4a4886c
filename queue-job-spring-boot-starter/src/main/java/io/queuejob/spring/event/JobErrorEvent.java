package io.queuejob.spring.event;

import java.time.Instant;

import io.queuejob.core.JobState;

/**
 * A change that a job's failure caused: the job was retried or ended failed.
 */
public abstract class JobErrorEvent extends JobLifecycleEvent {

	private final String excName;

	private final String excMessage;

	/**
	 * Create the event.
	 * @param job the job
	 * @param state the state the job went to
	 * @param excName the exception's class name (or a name such as
	 * {@code NoSuchJobFunction})
	 * @param excMessage the exception's message, or {@code null}
	 * @param occurredAt when the change was committed
	 */
	protected JobErrorEvent(JobSummary job, JobState state, String excName, String excMessage, Instant occurredAt) {
		super(job, state, occurredAt);
		this.excName = excName;
		this.excMessage = excMessage;
	}

	/**
	 * What failed the job.
	 * @return the exception's class name
	 */
	public String getExcName() {
		return this.excName;
	}

	/**
	 * Why the job failed.
	 * @return the exception's message, or {@code null}
	 */
	public String getExcMessage() {
		return this.excMessage;
	}

	@Override
	String details() {
		return ", excName=" + this.excName + ", excMessage=" + this.excMessage;
	}

}
