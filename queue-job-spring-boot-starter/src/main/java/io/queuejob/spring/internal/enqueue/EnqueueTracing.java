package io.queuejob.spring.internal.enqueue;

import java.util.UUID;

/**
 * Observes each job as its row is built (a batch once for all its rows), in the caller's
 * thread, and gives the trace context to store with it, which the job's execution
 * continues.
 */
@FunctionalInterface
public interface EnqueueTracing {

	/** Observes nothing and stores no trace context. */
	EnqueueTracing NONE = (uuid, graphUuid, function, channel) -> null;

	/**
	 * Observe a job about to be stored.
	 * @param uuid the job's uuid
	 * @param graphUuid its graph's uuid, or {@code null}
	 * @param function its job function
	 * @param channel its channel
	 * @return the trace context to store with it, or {@code null}
	 */
	String enqueue(UUID uuid, UUID graphUuid, String function, String channel);

	/**
	 * Observe a batch of jobs of one function about to be stored, once for the batch.
	 * @param function their job function
	 * @param channel their channel
	 * @param size how many jobs the batch has
	 * @return the trace context to store with each of them, or {@code null}
	 */
	default String enqueueAll(String function, String channel, int size) {
		return null;
	}

}
