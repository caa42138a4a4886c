package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.WorkerStore;

/**
 * How many jobs the workers of a node claim at a time: one per free thread and more in
 * some cases.
 * <p>
 * While the jobs are short (those this node ran lately took less than {@link #SHORT_JOB}
 * on average), its last claim found a job for every free thread and at least
 * {@code claimAheadBacklog} jobs are enqueued, it also claims up to {@code claimAhead}
 * jobs more, which wait for a thread, so that a thread that finishes finds its next job
 * already claimed rather than waiting for a claim. A job claimed ahead is {@code started}
 * while it waits, a few jobs' time at most. The backlog condition (jobs enqueued, or
 * ready under direct claims) keeps a node from holding jobs that the free threads of
 * other nodes could run, such as the few jobs a channel of small capacity has enqueued at
 * a time.
 */
final class ClaimAhead {

	/**
	 * The average run time under which jobs are claimed ahead: a job claimed ahead then
	 * waits a few times this long at most.
	 */
	static final Duration SHORT_JOB = Duration.ofMillis(20);

	private static final Duration CLAIM_BATCH_WAIT = Duration.ofMillis(2);

	private final WorkerStore store;

	private final int threads;

	private final int claimAhead;

	private final int claimAheadBacklog;

	private final AtomicLong averageRunNanos = new AtomicLong(SHORT_JOB.toNanos());

	private boolean threadsFilled;

	ClaimAhead(WorkerStore store, int threads, int claimAhead, int claimAheadBacklog) {
		this.store = store;
		this.threads = threads;
		this.claimAhead = claimAhead;
		this.claimAheadBacklog = claimAheadBacklog;
	}

	/**
	 * The claims of a node's workers under a channel configuration: up to
	 * {@code claimAhead} jobs ahead (three per thread when not set) while as many jobs
	 * are enqueued as the runner keeps enqueued during a backlog, a tenth of its window;
	 * none ahead when the root channel's capacity never lets that many be enqueued at
	 * once, since the backlog count before each claim could only say no.
	 * @param store the job store
	 * @param threads how many jobs the node runs at once
	 * @param claimAhead how many jobs to claim ahead at most, or {@code null} for three
	 * per thread
	 * @param scheduler the channels and the runner's window
	 * @return the claims
	 */
	static ClaimAhead of(WorkerStore store, int threads, Integer claimAhead, ChannelScheduler scheduler) {
		int ahead = (claimAhead != null) ? claimAhead : 3 * threads;
		int backlog = Math.max(1, scheduler.maxWindow() / 10);
		Integer rootCapacity = scheduler.tree().root().capacity();
		if (rootCapacity != null && rootCapacity < backlog) {
			ahead = 0;
		}
		return new ClaimAhead(store, threads, ahead, backlog);
	}

	/**
	 * How many jobs are claimed ahead at most.
	 * @return the jobs claimed beyond the free threads; 0 when none is
	 */
	int ahead() {
		return this.claimAhead;
	}

	/**
	 * How many jobs this node may hold claimed now: one per thread, and the jobs claimed
	 * ahead while the jobs are short.
	 */
	int capacity() {
		boolean shortJobs = this.averageRunNanos.get() < SHORT_JOB.toNanos();
		return this.threads + (shortJobs ? this.claimAhead : 0);
	}

	/**
	 * Claim jobs for the free threads, and ahead when that is due.
	 * @param held the jobs this node holds claimed
	 * @param free how many more it may hold ({@link #capacity()} less {@code held})
	 * @param worker this node's identity
	 * @return the jobs claimed
	 */
	List<ClaimedJob> claim(int held, int free, String worker) {
		int forThreads = Math.max(0, Math.min(free, this.threads - held));
		int ahead = free - forThreads;
		// only after a claim that found a job for every free thread: jobs that
		// trickle in to idle threads never pay for the count. A count of its own: in
		// the claim's LIMIT it would hide the limit from the planner, which then sorts
		// all enqueued jobs
		if (ahead > 0 && (!this.threadsFilled
				|| this.store.countClaimable(this.claimAheadBacklog) < this.claimAheadBacklog)) {
			ahead = 0;
		}
		List<ClaimedJob> claimed = List.of();
		if (forThreads + ahead > 0) {
			claimed = this.store.claim(forThreads + ahead, worker);
			this.threadsFilled = claimed.size() >= forThreads;
		}
		return claimed;
	}

	/**
	 * After a claim that took all it asked for (more jobs likely wait), wait until half
	 * the threads' worth of jobs can be claimed, or at most {@link #CLAIM_BATCH_WAIT}
	 * once one can, so that claims, each a commit, take several jobs rather than one per
	 * finished job.
	 * @param signal what wakes the dispatcher
	 * @param held how many jobs this node holds claimed
	 * @param running whether the workers still run
	 * @param pollInterval the longest wait between two claims
	 */
	void awaitFreeThreads(WakeSignal signal, IntSupplier held, BooleanSupplier running, Duration pollInterval) {
		int wanted = Math.max(1, this.threads / 2);
		long deadline = System.nanoTime() + CLAIM_BATCH_WAIT.toNanos();
		try {
			while (running.getAsBoolean() && capacity() - held.getAsInt() < wanted) {
				long left = deadline - System.nanoTime();
				if (left <= 0 && held.getAsInt() < capacity()) {
					return;
				}
				signal.await((left > 0) ? Duration.ofNanos(left) : pollInterval);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A job ran: update the moving average of the run times, over about the last 8 jobs.
	 * @param nanos how long it ran
	 */
	void ran(long nanos) {
		this.averageRunNanos.getAndUpdate((average) -> average + (nanos - average) / 8);
	}

}
