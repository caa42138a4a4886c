package io.queuejob.spring.operations;

import io.queuejob.core.JobState;

/**
 * A user action on jobs, each a guarded transition of its own.
 */
public enum JobAction {

	/** Back to pending (or waiting for its parents), tries reset; not a started job. */
	REQUEUE("requeued"),

	/**
	 * Cancelled with its waiting dependents; a pending, enqueued, failed or waiting job.
	 */
	CANCEL("cancelled"),

	/** Done by hand, releasing its dependents; not a started job. */
	DONE("set done");

	private final String participle;

	JobAction(String participle) {
		this.participle = participle;
	}

	/**
	 * Whether a job in the given state may take this action.
	 * @param state the job's state
	 * @return {@code true} if allowed
	 */
	public boolean isAllowedFrom(JobState state) {
		return switch (this) {
			case REQUEUE -> state.canRequeue();
			case CANCEL -> state.canCancel();
			case DONE -> state.canSetDone();
		};
	}

	/**
	 * Whether a job that took this action may be in the given state afterwards.
	 * @param state the job's state after the action
	 * @return {@code true} if the action shows in the state
	 */
	boolean isResult(JobState state) {
		return switch (this) {
			case REQUEUE -> state == JobState.PENDING || state == JobState.WAIT_DEPENDENCIES;
			case CANCEL -> state == JobState.CANCELLED;
			case DONE -> state == JobState.DONE;
		};
	}

	/**
	 * Why a job in a state may not take this action, such as "a started job cannot be
	 * requeued".
	 * @param state the job's state
	 * @return the reason
	 */
	public String refusal(JobState state) {
		String word = state.dbValue();
		String article = (word.startsWith("e") || word.startsWith("a")) ? "an " : "a ";
		return article + word + " job cannot be " + this.participle;
	}

}
