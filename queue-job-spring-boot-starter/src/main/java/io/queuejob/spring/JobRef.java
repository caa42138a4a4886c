package io.queuejob.spring;

import java.util.UUID;

/**
 * A reference to the job that {@link Delayable#delay()} enqueued.
 * <p>
 * When nothing was stored, the reference is {@link #NOT_STORED}: its uuid is {@code null}
 * and {@link #created()} is {@code false}. That happens in no-delay mode (the job already
 * ran in the caller's thread) and while a {@link io.queuejob.spring.test.JobTrap}
 * captures jobs.
 *
 * @param uuid the job's uuid, or {@code null} if no job was stored
 * @param created {@code true} if a new job was stored; {@code false} if a job with the
 * same identity key was waiting ({@link #uuid()} is then that job's) or if nothing was
 * stored
 */
public record JobRef(UUID uuid, boolean created) {

	/**
	 * The reference returned when no job was stored: in no-delay mode, or while a
	 * {@link io.queuejob.spring.test.JobTrap} captures jobs.
	 */
	public static final JobRef NOT_STORED = new JobRef(null, false);

	/**
	 * Whether a job exists in the database for this reference (a new one or a waiting one
	 * with the same identity key).
	 * @return {@code false} for {@link #NOT_STORED}
	 */
	public boolean stored() {
		return this.uuid != null;
	}

}
