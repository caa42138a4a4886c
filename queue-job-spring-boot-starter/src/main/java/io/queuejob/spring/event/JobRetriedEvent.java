package io.queuejob.spring.event;

import java.time.Instant;

import io.queuejob.core.JobState;

/**
 * A try of a job failed and the job went back to {@code pending}, to run again at
 * {@link #getEta()}.
 */
public final class JobRetriedEvent extends JobErrorEvent {

	private final Instant eta;

	/**
	 * Create the event.
	 * @param job the job, with the try count as stored
	 * @param eta when the next try may start
	 * @param excName the class name of the exception of the failed try
	 * @param excMessage why the job is retried, or {@code null}
	 * @param occurredAt when the change was committed
	 */
	public JobRetriedEvent(JobSummary job, Instant eta, String excName, String excMessage, Instant occurredAt) {
		super(job, JobState.PENDING, excName, excMessage, occurredAt);
		this.eta = eta;
	}

	/**
	 * When the next try may start.
	 * @return the job's new eta
	 */
	public Instant getEta() {
		return this.eta;
	}

	@Override
	String details() {
		return ", eta=" + this.eta + super.details();
	}

}
