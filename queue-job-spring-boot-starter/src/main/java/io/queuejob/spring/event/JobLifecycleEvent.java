package io.queuejob.spring.event;

import java.time.Instant;
import java.util.UUID;

import io.queuejob.core.JobState;

/**
 * A change of a job's state, published as a Spring application event once the change is
 * committed; never for a change that rolled back or that a guard refused (the job had
 * been changed meanwhile). Listeners run synchronously on the thread that changed the job
 * (a worker, or the runner for rescues): a listener that does slow work (mail, chat)
 * should hand it off, for instance with {@code @Async}. An exception thrown by a listener
 * is logged and changes nothing. Immutable.
 */
public abstract class JobLifecycleEvent {

	private final UUID uuid;

	private final String jobFunction;

	private final String channel;

	private final String description;

	private final int retry;

	private final int maxRetries;

	private final JobState state;

	private final String worker;

	private final Instant occurredAt;

	/**
	 * Create an event.
	 * @param job what identifies the job and how far its tries got
	 * @param state the state the job went to
	 * @param occurredAt when the change was committed
	 */
	protected JobLifecycleEvent(JobSummary job, JobState state, Instant occurredAt) {
		this.uuid = job.uuid();
		this.jobFunction = job.jobFunction();
		this.channel = job.channel();
		this.description = job.description();
		this.retry = job.retry();
		this.maxRetries = job.maxRetries();
		this.worker = job.worker();
		this.state = state;
		this.occurredAt = occurredAt;
	}

	/**
	 * The job's public identity.
	 * @return the uuid
	 */
	public UUID getUuid() {
		return this.uuid;
	}

	/**
	 * The job function, such as {@code orderService.confirm}.
	 * @return the job function name
	 */
	public String getJobFunction() {
		return this.jobFunction;
	}

	/**
	 * The job's channel.
	 * @return the full channel name, such as {@code root.mail}
	 */
	public String getChannel() {
		return this.channel;
	}

	/**
	 * The job's description.
	 * @return the description, or {@code null}
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * The tries counted so far.
	 * @return the try count, as stored
	 */
	public int getRetry() {
		return this.retry;
	}

	/**
	 * The tries allowed.
	 * @return the maximum, 0 for unlimited
	 */
	public int getMaxRetries() {
		return this.maxRetries;
	}

	/**
	 * The state the job went to.
	 * @return the new state
	 */
	public JobState getState() {
		return this.state;
	}

	/**
	 * The node that ran the try the change ends.
	 * @return the worker name
	 */
	public String getWorker() {
		return this.worker;
	}

	/**
	 * When the change was committed (as this node's clock saw it).
	 * @return the instant
	 */
	public Instant getOccurredAt() {
		return this.occurredAt;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[uuid=" + this.uuid + ", jobFunction=" + this.jobFunction + ", channel="
				+ this.channel + ", state=" + this.state.dbValue() + ", retry=" + this.retry + "/" + this.maxRetries
				+ details() + "]";
	}

	/**
	 * What a subclass adds to {@link #toString()}.
	 * @return text starting with {@code ", "}, or an empty string
	 */
	String details() {
		return "";
	}

	/**
	 * What every event tells about its job.
	 *
	 * @param uuid the job's uuid
	 * @param jobFunction the job function name
	 * @param channel the job's channel
	 * @param description the job's description, or {@code null}
	 * @param retry the tries counted so far
	 * @param maxRetries the tries allowed, 0 for unlimited
	 * @param worker the node that ran the try
	 */
	public record JobSummary(UUID uuid, String jobFunction, String channel, String description, int retry,
			int maxRetries, String worker) {

	}

}
