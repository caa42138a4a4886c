package io.queuejob.sample.jobs;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the {@code queue_job} table, as {@code GET /jobs} shows it.
 *
 * @param uuid the job's uuid
 * @param jobFunction the job function, {@code beanName.methodName}
 * @param description the description
 * @param channel the channel
 * @param state the state: {@code pending}, {@code enqueued}, {@code started},
 * {@code done}, {@code failed}, …
 * @param priority the priority; smaller runs first
 * @param retry the tries so far
 * @param maxRetries the tries allowed; 0 means unlimited
 * @param eta the instant before which the job does not run, or {@code null}
 * @param result the result, or why the last try asked for a retry
 * @param excName the class of the exception that failed the job
 * @param excMessage its message
 * @param dateCreated when the job was stored
 * @param dateDone when the job ended done
 */
public record JobView(UUID uuid, String jobFunction, String description, String channel, String state, int priority,
		int retry, int maxRetries, OffsetDateTime eta, String result, String excName, String excMessage,
		OffsetDateTime dateCreated, OffsetDateTime dateDone) {

}
