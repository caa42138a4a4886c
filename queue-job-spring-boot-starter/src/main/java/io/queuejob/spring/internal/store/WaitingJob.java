package io.queuejob.spring.internal.store;

import java.util.UUID;

/**
 * A job that waits with an identity key.
 *
 * @param id the job's id
 * @param uuid the job's uuid
 */
public record WaitingJob(long id, UUID uuid) {
}
