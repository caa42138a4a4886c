package io.queuejob.spring.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;

/**
 * What enqueueing needs of the job store: inserting jobs and their dependencies, finding
 * the waiting job that holds an identity key, and telling the runners or the workers.
 */
public interface EnqueueStore {

	/**
	 * Insert a job and notify the runners, or under direct claims the workers when the
	 * job is ready ({@link #channelToNotify}), who hear of it when the transaction
	 * commits. A job with an identity key that a waiting job already holds is not
	 * inserted.
	 * @param job the job
	 * @return the id of the new job, or {@code null} if a job with the same identity key
	 * is waiting
	 */
	default Long insert(NewJob job) {
		return insert(job, true);
	}

	/**
	 * Insert a job, as {@link #insert(NewJob)}, notifying or not.
	 * @param job the job
	 * @param notify whether the insert notifies the runners or the workers; if not, the
	 * caller notifies them after the commit
	 * @return the id of the new job, or {@code null} if a job with the same identity key
	 * is waiting
	 */
	Long insert(NewJob job, boolean notify);

	/**
	 * Insert many pending jobs of one function with the same options, with one statement
	 * per batch. Jobs whose identity key a waiting job (or an earlier job of the same
	 * batch) holds are not inserted.
	 * @param template the options and trace context shared by all the jobs; its uuid,
	 * arguments and identity key are ignored
	 * @param argumentsJson the arguments of each job
	 * @param identityKeys the identity key of each job ({@code null} elements for none),
	 * or {@code null} for no keys at all
	 * @param partitionKeys the partition key of each job, or {@code null} for none
	 * @return how many jobs were inserted
	 */
	int insertAll(NewJob template, List<String> argumentsJson, List<String> identityKeys, List<String> partitionKeys);

	/**
	 * The waiting job that holds an identity key.
	 * @param identityKey the key
	 * @return the job, or {@code null} if no waiting job holds it
	 */
	WaitingJob findWaitingByIdentityKey(String identityKey);

	/**
	 * Take a waiting job with an identity key into a graph: it joins the graph (unless it
	 * belongs to one already) and, when it gains parents, waits for them. The job stays
	 * locked until the transaction ends, so that it cannot start (workers skip it) nor
	 * finish before its new dependencies are committed. Call it in a transaction.
	 * @param identityKey the key
	 * @param graphUuid the graph's uuid
	 * @param gainsParents whether the job gets parents in the graph
	 * @return the job, or {@code null} if no waiting job holds the key (any more)
	 */
	WaitingJob holdWaitingByIdentityKey(String identityKey, UUID graphUuid, boolean gainsParents);

	/**
	 * Record that a job waits for another.
	 * @param parentId the job waited for
	 * @param childId the waiting job
	 */
	void insertDependency(long parentId, long childId);

	/**
	 * The channel to notify when jobs were stored or put back to pending: the workers'
	 * for a ready job under direct claims, else the runners'.
	 * @param state the jobs' state
	 * @param eta the jobs' eta, or {@code null}
	 * @return {@link JobStores#WORKERS_CHANNEL} or {@link JobStores#RUNNER_CHANNEL}
	 */
	String channelToNotify(JobState state, Instant eta);

	/**
	 * Send a notification; it is delivered when the current transaction commits.
	 * @param channel {@link JobStores#RUNNER_CHANNEL} or
	 * {@link JobStores#WORKERS_CHANNEL}
	 */
	void notify(String channel);

}
