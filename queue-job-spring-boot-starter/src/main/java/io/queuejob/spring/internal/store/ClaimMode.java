package io.queuejob.spring.internal.store;

import java.time.Instant;

import io.queuejob.core.JobState;

/**
 * How ready jobs reach the workers, chosen once when the stores are built: through the
 * runner, which enqueues them under the channels' limits, or directly, the workers
 * claiming them from {@code pending} (when no channel limits anything). It gives the
 * statements and the notifications that differ between the two.
 */
enum ClaimMode {

	/**
	 * The runner enqueues every job; the workers claim enqueued jobs only.
	 */
	THROUGH_RUNNER {

		@Override
		String plannedCondition() {
			// queue_job_pending_idx, one probe per channel
			return "state = 'pending'";
		}

		@Override
		String windowCandidates() {
			// queue_job_pending_idx, the candidates: one more row than the limit
			// tells whether the window is complete
			return """
					WHERE q.state = 'pending' AND q.channel = w.channel
					  AND (w.include_not_due OR q.eta IS NULL OR q.eta <= ?)
					ORDER BY q.priority, q.date_created, q.id""";
		}

		@Override
		String countClaimable(JobTables tables) {
			return "SELECT count(*) FROM (" + tables.enqueuedInRunOrder() + ") e";
		}

		@Override
		Object[] countClaimableParameters(int cap) {
			return new Object[] { cap };
		}

		@Override
		String claimable(JobTables tables) {
			return "SELECT id, clock_timestamp() AS at FROM (" + tables.enqueuedInRunOrder()
					+ " FOR UPDATE SKIP LOCKED) c";
		}

		@Override
		Object[] claimParameters(String worker, int max) {
			return new Object[] { worker, max };
		}

		@Override
		String channelToNotify(JobState state, Instant eta) {
			return JobStores.RUNNER_CHANNEL;
		}

	},

	/**
	 * The workers claim the ready pending jobs (no eta) themselves, and the enqueued
	 * ones; the runner enqueues only the jobs whose eta has passed.
	 */
	DIRECT {

		@Override
		String plannedCondition() {
			// queue_job_pending_eta_idx, the runner planning only jobs with an eta
			return "state = 'pending' AND eta IS NOT NULL";
		}

		@Override
		String windowCandidates() {
			// No channel limits anything, so the due jobs are read in eta order from
			// queue_job_pending_eta_idx (the ready ones are the workers'), and every
			// one of them is enqueued
			return """
					WHERE q.state = 'pending' AND q.channel = w.channel AND q.eta <= ? AND NOT w.include_not_due
					ORDER BY q.eta""";
		}

		@Override
		String countClaimable(JobTables tables) {
			return "SELECT count(*) FROM ((" + tables.enqueuedInRunOrder() + ") UNION ALL ("
					+ tables.readyInRunOrder(false) + ")) e";
		}

		@Override
		Object[] countClaimableParameters(int cap) {
			return new Object[] { cap, cap, cap, cap };
		}

		@Override
		String claimable(JobTables tables) {
			// The ready pending jobs are enqueued and started in one step. Each kind
			// is locked up to the limit, then the first of both are taken: the others
			// stay locked until the claim commits. Without a limit of its own, a
			// branch locked every row it could (PostgreSQL plans no lazy Merge Append
			// over locking subqueries)
			return """
					SELECT id, clock_timestamp() AS at FROM (
					    SELECT * FROM (%s FOR UPDATE SKIP LOCKED) e
					    UNION ALL
					    %s
					) c
					ORDER BY priority, date_created, id
					LIMIT ?""".formatted(tables.enqueuedInRunOrder(), tables.readyInRunOrder(true));
		}

		@Override
		Object[] claimParameters(String worker, int max) {
			return new Object[] { worker, max, max, max, max, max };
		}

		@Override
		String channelToNotify(JobState state, Instant eta) {
			return (state == JobState.PENDING && eta == null) ? JobStores.WORKERS_CHANNEL : JobStores.RUNNER_CHANNEL;
		}

	};

	/**
	 * The condition on a job that the runner plans it: the pending jobs it reads the
	 * channels and windows of.
	 */
	abstract String plannedCondition();

	/**
	 * The condition and order of a window's candidates {@code q} in channel {@code w}
	 * ({@code channel, lim, include_not_due}); its one parameter is the current instant.
	 */
	abstract String windowCandidates();

	/**
	 * The count of the claimable jobs up to a cap, with
	 * {@link #countClaimableParameters}.
	 */
	abstract String countClaimable(JobTables tables);

	abstract Object[] countClaimableParameters(int cap);

	/**
	 * The ids of the jobs to claim (locked, others' skipped) and the claim's instant
	 * {@code at}; the parameters after the worker's are those of
	 * {@link #claimParameters}.
	 */
	abstract String claimable(JobTables tables);

	abstract Object[] claimParameters(String worker, int max);

	/**
	 * The channel to notify when jobs were stored or put back to pending.
	 */
	abstract String channelToNotify(JobState state, Instant eta);

	/**
	 * Whether the workers claim the ready pending jobs. Then no finished job wakes a
	 * runner or another node's workers: the jobs a finish can give them (a retry's new
	 * eta, released children) are notified in the finish's transaction.
	 */
	boolean direct() {
		return this == DIRECT;
	}

}
