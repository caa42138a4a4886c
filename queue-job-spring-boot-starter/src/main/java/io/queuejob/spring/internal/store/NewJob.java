package io.queuejob.spring.internal.store;

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
 * @param partitionKey the key that a channel's limit per key counts the job under, or
 * {@code null}
 */
public record NewJob(UUID uuid, UUID graphUuid, JobState state, String channel, int priority, Instant eta,
		int maxRetries, String jobFunction, String argumentsJson, String description, String identityKey,
		String createdBy, String partitionKey) {

	/**
	 * A job without a partition key.
	 * @param uuid the job's public identity
	 * @param graphUuid the graph's uuid, or {@code null}
	 * @param state the state to store it in
	 * @param channel the full channel name
	 * @param priority the priority
	 * @param eta not run before this instant, or {@code null}
	 * @param maxRetries total tries allowed
	 * @param jobFunction the job function name
	 * @param argumentsJson the arguments as a JSON array
	 * @param description the human description
	 * @param identityKey the deduplication key, or {@code null}
	 * @param createdBy the principal that enqueued the job, or {@code null}
	 */
	public NewJob(UUID uuid, UUID graphUuid, JobState state, String channel, int priority, Instant eta, int maxRetries,
			String jobFunction, String argumentsJson, String description, String identityKey, String createdBy) {
		this(uuid, graphUuid, state, channel, priority, eta, maxRetries, jobFunction, argumentsJson, description,
				identityKey, createdBy, null);
	}

}
