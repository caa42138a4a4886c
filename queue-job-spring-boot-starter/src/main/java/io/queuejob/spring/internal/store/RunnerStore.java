package io.queuejob.spring.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.queuejob.core.channel.CandidateWindow;
import io.queuejob.core.channel.ChannelLoad;
import io.queuejob.core.channel.WindowRequest;

/**
 * What the runner needs of the job store to plan a round: its round lock, the channels'
 * load, the candidate windows, and the move of the chosen jobs to {@code enqueued}.
 */
public interface RunnerStore {

	/**
	 * Whether the runner plans the ready pending jobs (no eta). Under direct claims it
	 * does not: the workers claim them from {@code pending} themselves, the runner plans
	 * only the jobs with an eta, and a finished job frees nothing it plans.
	 * @return {@code false} under direct claims
	 */
	boolean plansReadyJobs();

	/**
	 * Take the runner's round lock for the current transaction, if no other runner holds
	 * it. Call it in a transaction: the lock is released when the transaction ends.
	 * @param leaderPid the backend pid of the listener session through which this node
	 * holds the runner's election lock: the round lock is taken only while that session
	 * still holds it, so that a runner that lost its session plans nothing; {@code 0}
	 * when no election applies
	 * @param idleLimit how long the transaction may stand idle before the server ends it
	 * and releases the round lock (a runner frozen in a round must not stop the next
	 * runner from planning), or {@link Duration#ZERO} for no limit
	 * @return whether the lock was taken
	 */
	boolean tryRoundLock(int leaderPid, Duration idleLimit);

	/**
	 * What occupies the channels now, and what holds them back.
	 * @param sequentialChannels the full names of the sequential channels, whose failed
	 * jobs count
	 * @param rates the period of each rate-limited channel, by full name, whose recent
	 * starts count
	 * @param perKeyChannels the full names of the channels limited per partition key,
	 * whose running jobs count per key
	 * @param now the current instant of this node, from which the end of a rate's window
	 * is given (the window itself is measured with the database's clock)
	 * @return the running jobs per channel, the failed jobs of sequential channels, the
	 * paused channels, the recent starts of the rate-limited channels and the running
	 * jobs per key of the channels limited per key
	 */
	ChannelLoad load(Collection<String> sequentialChannels, Map<String, Duration> rates,
			Collection<String> perKeyChannels, Instant now);

	/**
	 * The channels that have pending jobs the runner plans, read with a loose index scan
	 * so that it costs a few index probes per channel whatever the backlog.
	 * @return the channel names as stored
	 */
	List<String> pendingChannels();

	/**
	 * Load the candidate windows the runner asked for.
	 * @param requests the window request per channel; channels with a limit of 0 are
	 * skipped
	 * @param now the current instant
	 * @return the windows, per channel
	 */
	Map<String, CandidateWindow> windows(Map<String, WindowRequest> requests, Instant now);

	/**
	 * Move pending jobs to enqueued and, if any moved, notify the workers on
	 * {@link JobStores#WORKERS_CHANNEL}, in the same statement: the notification is
	 * delivered when the current transaction commits.
	 * @param ids the jobs' ids
	 * @return how many moved; a job that left {@code pending} meanwhile, or that another
	 * transaction holds locked, does not
	 */
	int enqueue(List<Long> ids);

	/**
	 * How many jobs are enqueued, waiting for a worker, counted up to a cap. Costs at
	 * most that many index entries, whatever the backlog.
	 * @param cap the most jobs to count
	 * @return the number of enqueued jobs, or {@code cap} if there are more
	 */
	int countEnqueued(int cap);

	/**
	 * Send a notification; it is delivered when the current transaction commits.
	 * @param channel {@link JobStores#RUNNER_CHANNEL} or
	 * {@link JobStores#WORKERS_CHANNEL}
	 */
	void notify(String channel);

}
