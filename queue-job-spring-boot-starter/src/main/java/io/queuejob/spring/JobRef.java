package io.queuejob.spring;

import java.util.UUID;

/**
 * A reference to a stored job.
 *
 * @param uuid the job's uuid
 * @param created {@code false} if no job was created because a job with the same identity
 * key was waiting; {@link #uuid()} is then that job's
 */
public record JobRef(UUID uuid, boolean created) {

}
