package io.queuejob.spring.operations;

import java.util.UUID;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;

/**
 * Thrown when a job's state does not allow an action, such as requeueing a started job.
 * The job is left as it was.
 */
public class TransitionRefusedException extends RuntimeException {

	private final UUID uuid;

	private final JobState state;

	private final JobAction action;

	/**
	 * Create an exception.
	 * @param uuid the job's uuid
	 * @param state the job's state
	 * @param action the refused action
	 * @param reason why, such as "a started job cannot be requeued"
	 */
	public TransitionRefusedException(UUID uuid, JobState state, JobAction action, String reason) {
		super("job " + uuid + " is " + state.dbValue() + "; " + reason);
		this.uuid = uuid;
		this.state = state;
		this.action = action;
	}

	/**
	 * The job's uuid.
	 * @return the uuid
	 */
	public UUID getUuid() {
		return this.uuid;
	}

	/**
	 * The job's state when the action was refused.
	 * @return the state
	 */
	public JobState getState() {
		return this.state;
	}

	/**
	 * The refused action.
	 * @return the action
	 */
	public JobAction getAction() {
		return this.action;
	}

}
