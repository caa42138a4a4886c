package io.queuejob.spring.internal.store;

import java.util.UUID;

/**
 * A started job whose node is gone.
 *
 * @param id the job's id
 * @param uuid the job's uuid
 * @param worker the node that started it
 * @param jobFunction the job function name
 * @param channel the job's channel
 * @param description the job's description, or {@code null}
 * @param retry the tries counted so far
 * @param maxRetries total tries allowed; 0 means unlimited
 */
public record DeadJob(long id, UUID uuid, String worker, String jobFunction, String channel, String description,
		int retry, int maxRetries) {
}
