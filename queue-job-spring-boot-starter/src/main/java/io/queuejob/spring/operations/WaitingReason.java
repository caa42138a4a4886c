package io.queuejob.spring.operations;

import java.time.Instant;
import java.util.UUID;

/**
 * Why a job that waits to run has not started, computed when asked.
 *
 * @param kind what holds the job back
 * @param channel the channel that holds it back (paused, at capacity, at its rate, at its
 * limit per key, or sequential), or {@code null}
 * @param job the job it waits for (a parent that is not done, or the sequential
 * predecessor), or {@code null}
 * @param until when the job may start at the earliest (its eta, or when the rate's window
 * frees a start), or {@code null}
 * @param message the reason in words
 */
public record WaitingReason(Kind kind, String channel, UUID job, Instant until, String message) {

	/**
	 * What holds a waiting job back.
	 */
	public enum Kind {

		/** The job's eta is in the future. */
		ETA,

		/** A parent of the job is not done. */
		PARENTS,

		/** The job's channel, or an ancestor of it, is paused. */
		PAUSED,

		/** A job ahead of it in a sequential channel is not done. */
		SEQUENTIAL,

		/**
		 * The job's channel, or an ancestor of it, runs as many jobs of the job's
		 * partition key as its limit per key allows.
		 */
		KEY_LIMIT,

		/** The job's channel, or an ancestor of it, runs as many jobs as its capacity. */
		CAPACITY,

		/**
		 * The job's channel, or an ancestor of it, started as many jobs as its rate
		 * allows.
		 */
		RATE,

		/** Every worker thread of the nodes is busy. */
		NO_WORKER_FREE,

		/** Nothing holds it back: the runner or a worker takes it at its next round. */
		NEXT_ROUND

	}

}
