package io.queuejob.spring.internal.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.queuejob.core.JobState;

/**
 * What the workers need of the job store: claiming jobs, and writing each try's outcome.
 * Every outcome is guarded by the worker and the try it belongs to, so that a late
 * outcome never overwrites what happened meanwhile (a rescue, a user's change).
 */
public interface WorkerStore {

	/**
	 * Whether the claims also take the ready pending jobs (no eta) under direct claims:
	 * the runner then plans only the jobs with an eta, a finished job frees nothing it
	 * plans, and the finishes that can give it a job (a retry, a release of waiting
	 * children) notify it themselves.
	 * @return {@code true} under direct claims
	 */
	boolean claimsReadyJobs();

	/**
	 * Claim enqueued jobs for a worker, and under direct claims ready pending jobs too,
	 * in the order they run: they become {@code started}, their try counted. Jobs locked
	 * by another worker are skipped.
	 * @param max the most jobs to claim
	 * @param worker the claiming node
	 * @return the claimed jobs
	 */
	List<ClaimedJob> claim(int max, String worker);

	/**
	 * How many jobs the workers may claim, counted up to a cap: the enqueued jobs and,
	 * under direct claims, the ready pending ones. Costs at most twice that many index
	 * entries, whatever the backlog.
	 * @param cap the most jobs to count of each kind
	 * @return the number of claimable jobs; {@code cap} or more if there are that many
	 */
	int countClaimable(int cap);

	/**
	 * Mark a claimed job done and release the dependents whose parents are now all done.
	 * Call it in a transaction: the waiting children are locked (in id order) with the
	 * move to done, so that when two parents finish at once, the second release sees the
	 * first parent done. A job without dependents costs one statement. Under direct
	 * claims, a job that releases children notifies the runners' channel, at its commit.
	 * @param job the job, as claimed
	 * @param result the result text, or {@code null}
	 * @return {@code false} if the job is no longer this worker's try (rescued, or
	 * changed by a user)
	 */
	boolean markDone(ClaimedJob job, String result);

	/**
	 * Mark claimed jobs done with one statement, and release the dependents whose parents
	 * are now all done. Call it in a transaction, as {@link #markDone}.
	 * @param jobs the jobs, as claimed
	 * @param results the result text of each job ({@code null} elements for none)
	 * @return the ids of the jobs marked done; the others are no longer their worker's
	 * try (rescued, or changed by a user)
	 */
	Set<Long> markAllDone(List<ClaimedJob> jobs, List<String> results);

	/**
	 * Put a claimed job back to pending for a later try. A job with an identity key
	 * cannot wait again while a newer job with the same key waits (it was created while
	 * this one ran): it is then cancelled, its result naming the waiting job, which does
	 * the work instead.
	 * @param job the job, as claimed
	 * @param eta when to try again
	 * @param retry the try count to store (one less when the try did not count)
	 * @param message why, stored as result
	 * @param excName the exception class
	 * @param excInfo the stack trace
	 * @return {@link JobState#PENDING}, {@link JobState#CANCELLED} when a newer job with
	 * the same key waits, or {@code null} if the job is no longer this worker's try
	 */
	JobState markRetry(ClaimedJob job, Instant eta, int retry, String message, String excName, String excInfo);

	/**
	 * Mark a claimed job failed.
	 * @param job the job, as claimed
	 * @param excName the exception class
	 * @param excMessage the exception message
	 * @param excInfo the stack trace
	 * @return {@code false} if the job is no longer this worker's try
	 */
	boolean markFailed(ClaimedJob job, String excName, String excMessage, String excInfo);

	/**
	 * Hand a claimed job back to pending because its node cannot run it to its end (it is
	 * stopping, or it is fenced): the try does not count, and the job may run on another
	 * node at once.
	 * @param job the job, as claimed
	 * @param reason what the node did or could not do, after its name, stored as result
	 * (such as "stopped before the job ended")
	 * @return {@code false} if the job is no longer this worker's try
	 */
	boolean handBack(ClaimedJob job, String reason);

	/**
	 * Hand back the jobs started under a worker's name that the worker does not run: a
	 * claim whose answer was lost with its connection committed them, and the worker
	 * never learned of them. Their try does not count.
	 * @param worker the worker
	 * @param running the ids of the jobs the worker runs
	 * @return how many jobs were handed back
	 */
	int handBackUnknownClaims(String worker, Collection<Long> running);

	/**
	 * Send a notification; it is delivered when the current transaction commits.
	 * @param channel {@link JobStores#RUNNER_CHANNEL} or
	 * {@link JobStores#WORKERS_CHANNEL}
	 */
	void notify(String channel);

}
