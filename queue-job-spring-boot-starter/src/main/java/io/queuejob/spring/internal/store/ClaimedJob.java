package io.queuejob.spring.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A job a worker has claimed: {@code started} on this node, for this try.
 *
 * @param id the job's database id
 * @param uuid the job's public identity
 * @param jobFunction the job function name
 * @param argumentsJson the arguments as a JSON array
 * @param channel the job's channel
 * @param retry the try number, counting this one
 * @param maxRetries total tries allowed; 0 means unlimited
 * @param worker the node that claimed it
 * @param description the job's description, or {@code null}
 * @param timeout how long the try may run, or {@code null} for no limit
 * @param deadline when the try must have ended (its start plus its timeout), or
 * {@code null} for none
 * @param schedule the schedule that stored the job, or {@code null}
 * @param scheduledFor the occurrence of the schedule the job stands for, or {@code null}
 * @param traceContext the trace context of the code that enqueued it, as propagation
 * headers, or {@code null}
 */
public record ClaimedJob(long id, UUID uuid, String jobFunction, String argumentsJson, String channel, int retry,
		int maxRetries, String worker, String description, Duration timeout, Instant deadline, String schedule,
		Instant scheduledFor, String traceContext) {

	/**
	 * A claimed job without a timeout or a trace context, that no schedule stored.
	 * @param id the job's database id
	 * @param uuid the job's public identity
	 * @param jobFunction the job function name
	 * @param argumentsJson the arguments as a JSON array
	 * @param channel the job's channel
	 * @param retry the try number, counting this one
	 * @param maxRetries total tries allowed; 0 means unlimited
	 * @param worker the node that claimed it
	 * @param description the job's description, or {@code null}
	 */
	public ClaimedJob(long id, UUID uuid, String jobFunction, String argumentsJson, String channel, int retry,
			int maxRetries, String worker, String description) {
		this(id, uuid, jobFunction, argumentsJson, channel, retry, maxRetries, worker, description, null, null, null,
				null, null);
	}

}
