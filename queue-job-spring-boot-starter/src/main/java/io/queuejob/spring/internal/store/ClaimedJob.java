package io.queuejob.spring.internal.store;

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
 * @param traceContext the trace context of the code that enqueued it, as propagation
 * headers, or {@code null}
 */
public record ClaimedJob(long id, UUID uuid, String jobFunction, String argumentsJson, String channel, int retry,
		int maxRetries, String worker, String description, String traceContext) {

	/**
	 * A claimed job without a trace context.
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
		this(id, uuid, jobFunction, argumentsJson, channel, retry, maxRetries, worker, description, null);
	}

}
