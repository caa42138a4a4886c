package io.queuejob.core;

import java.util.Locale;

/**
 * The state of a job, stored as its lowercase {@link #dbValue() name}. The actions a user
 * may take in each state are {@link JobAction}'s.
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
	 * Whether the job has finished for good: {@link #DONE} or {@link #CANCELLED}. A
	 * {@link #FAILED} job is not finished, as it may be requeued.
	 * @return {@code true} if done or cancelled
	 */
	public boolean isFinished() {
		return this == DONE || this == CANCELLED;
	}

}
