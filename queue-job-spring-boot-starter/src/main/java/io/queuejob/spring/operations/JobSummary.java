package io.queuejob.spring.operations;

import java.time.Instant;
import java.util.UUID;

import io.queuejob.core.JobState;

/**
 * A job as a list shows it.
 *
 * @param uuid the job's uuid
 * @param graphUuid the uuid of its graph, or {@code null}
 * @param state its state
 * @param channel its full channel name
 * @param priority its priority; smaller runs first
 * @param function its job function name
 * @param description its description
 * @param retry the tries so far
 * @param maxRetries the tries allowed, 0 for unlimited
 * @param eta when it may run, or {@code null}
 * @param dateCreated when it was stored
 * @param dateStarted when its last try started, or {@code null}
 * @param dateDone when it was done, or {@code null}
 * @param excName the exception class of its last failure, or {@code null}
 * @param excMessage the exception message of its last failure, or {@code null}
 * @param worker the node that ran its last try, or {@code null}
 * @param createdBy the principal that enqueued it, or {@code null}
 * @param progress what it last reported of its progress, or {@code null} when it never
 * did
 * @param partitionKey its partition key, which per-key channel limits count, or
 * {@code null}
 */
public record JobSummary(UUID uuid, UUID graphUuid, JobState state, String channel, int priority, String function,
		String description, int retry, int maxRetries, Instant eta, Instant dateCreated, Instant dateStarted,
		Instant dateDone, String excName, String excMessage, String worker, String createdBy, JobProgress progress,
		String partitionKey) {

}
