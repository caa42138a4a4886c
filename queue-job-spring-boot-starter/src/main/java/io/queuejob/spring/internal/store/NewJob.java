package io.queuejob.spring.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.queuejob.core.JobState;

/**
 * A job about to be stored, with every option resolved.
 *
 * @param uuid the job's public identity
 * @param graphUuid the uuid shared by the jobs of one graph, or {@code null}
 * @param state {@link JobState#PENDING} or {@link JobState#WAIT_DEPENDENCIES}
 * @param channel the full channel name
 * @param priority the priority; smaller runs first
 * @param eta not run before this instant, or {@code null}
 * @param maxRetries total tries allowed; 0 means unlimited
 * @param jobFunction the job function name
 * @param argumentsJson the arguments as a JSON array
 * @param description the human description
 * @param identityKey the deduplication key, or {@code null}
 * @param createdBy the principal that enqueued the job, or {@code null}
 * @param timeout how long a try may run, or {@code null} for no limit
 * @param traceContext the trace context of the code that enqueued it, as propagation
 * headers, or {@code null}
 * @param partitionKey the key that a channel's limit per key counts the job under, or
 * {@code null}
 */
public record NewJob(UUID uuid, UUID graphUuid, JobState state, String channel, int priority, Instant eta,
		int maxRetries, String jobFunction, String argumentsJson, String description, String identityKey,
		String createdBy, Duration timeout, String traceContext, String partitionKey) {

	/**
	 * A job without a timeout, a trace context or a partition key.
	 * @param uuid the job's public identity
	 * @param graphUuid the uuid shared by the jobs of one graph, or {@code null}
	 * @param state {@link JobState#PENDING} or {@link JobState#WAIT_DEPENDENCIES}
	 * @param channel the full channel name
	 * @param priority the priority; smaller runs first
	 * @param eta not run before this instant, or {@code null}
	 * @param maxRetries total tries allowed; 0 means unlimited
	 * @param jobFunction the job function name
	 * @param argumentsJson the arguments as a JSON array
	 * @param description the human description
	 * @param identityKey the deduplication key, or {@code null}
	 * @param createdBy the principal that enqueued the job, or {@code null}
	 */
	public NewJob(UUID uuid, UUID graphUuid, JobState state, String channel, int priority, Instant eta, int maxRetries,
			String jobFunction, String argumentsJson, String description, String identityKey, String createdBy) {
		this(uuid, graphUuid, state, channel, priority, eta, maxRetries, jobFunction, argumentsJson, description,
				identityKey, createdBy, null, null, null);
	}

}
