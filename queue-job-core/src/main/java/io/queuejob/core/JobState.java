package io.queuejob.core;

import java.util.Locale;

/**
 * The state of a job, stored as its lowercase {@link #dbValue() name}.
 */
public enum JobState {

	/** Stored, waiting for at least one parent job to be done. */
	WAIT_DEPENDENCIES,

	/** Ready to run once its eta has passed and its channel has room. */
	PENDING,

	/** Picked by the runner under its channel's rules, not yet taken by a worker. */
	ENQUEUED,

	/** Running on a worker. */
	STARTED,

	/** Finished successfully, or set done by a user. */
	DONE,

	/** Cancelled by a user. */
	CANCELLED,

	/** Failed; kept until requeued, cancelled or set done. */
	FAILED;

	private final String dbValue = name().toLowerCase(Locale.ROOT);

	/**
	 * The value stored in the database, for example {@code wait_dependencies}.
	 * @return the lowercase name
	 */
	public String dbValue() {
		return this.dbValue;
	}

	/**
	 * Return the state stored as the given value.
	 * @param value a stored value, for example {@code pending}
	 * @return the state
	 * @throws IllegalArgumentException if no state is stored as {@code value}
	 */
	public static JobState fromDbValue(String value) {
		for (JobState state : values()) {
			if (state.dbValue.equals(value)) {
				return state;
			}
		}
		throw new IllegalArgumentException("Unknown job state '" + value + "'");
	}

	/**
	 * Whether a user may requeue a job in this state: any state but {@link #STARTED}.
	 * @return {@code true} unless the job is running
	 */
	public boolean canRequeue() {
		return this != STARTED;
	}

	/**
	 * Whether a user may cancel a job in this state: {@link #PENDING}, {@link #ENQUEUED},
	 * {@link #FAILED} or {@link #WAIT_DEPENDENCIES}.
	 * @return {@code true} if the job can be cancelled
	 */
	public boolean canCancel() {
		return this == PENDING || this == ENQUEUED || this == FAILED || this == WAIT_DEPENDENCIES;
	}

	/**
	 * Whether a user may set a job in this state done: any state but {@link #STARTED}. A
	 * running job is finished by the worker that runs it, never by a user.
	 * @return {@code true} unless the job is running
	 */
	public boolean canSetDone() {
		return this != STARTED;
	}

	/**
	 * Whether the job has finished for good: {@link #DONE} or {@link #CANCELLED}. A
	 * {@link #FAILED} job is not finished, as it may be requeued.
	 * @return {@code true} if done or cancelled
	 */
	public boolean isFinished() {
		return this == DONE || this == CANCELLED;
	}

}
