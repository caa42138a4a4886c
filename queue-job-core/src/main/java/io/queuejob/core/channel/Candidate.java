package io.queuejob.core.channel;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A pending job as the scheduler sees it: what it needs to order and place the job.
 *
 * @param id the job's sequence number (its database id), the last tie-breaker
 * @param channel the job's channel, as stored (the {@code root.} prefix may be missing)
 * @param priority the job's priority; smaller runs first
 * @param createdAt when the job was created
 * @param eta the instant before which the job must not run, or {@code null}
 * @param partitionKey the job's partition key, or {@code null}
 */
public record Candidate(long id, String channel, int priority, Instant createdAt, Instant eta, String partitionKey) {

	/**
	 * The order in which jobs compete: priority, then creation time, then id. A job whose
	 * eta has passed competes like the rest.
	 */
	public static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::priority)
		.thenComparing(Candidate::createdAt)
		.thenComparingLong(Candidate::id);

	/**
	 * Validate the candidate.
	 */
	public Candidate {
		Objects.requireNonNull(createdAt, "createdAt must not be null");
	}

	/**
	 * A candidate without a partition key.
	 * @param id the job's sequence number
	 * @param channel the job's channel, as stored
	 * @param priority the job's priority
	 * @param createdAt when the job was created
	 * @param eta the instant before which the job must not run, or {@code null}
	 */
	public Candidate(long id, String channel, int priority, Instant createdAt, Instant eta) {
		this(id, channel, priority, createdAt, eta, null);
	}

	/**
	 * Whether the job may run at the given instant.
	 * @param now the current instant
	 * @return {@code true} if the job has no eta or its eta has passed
	 */
	public boolean isDue(Instant now) {
		return this.eta == null || !this.eta.isAfter(now);
	}

}
