package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.WorkerStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands the jobs a node claimed back to pending when it cannot run them to their end: it
 * stops, it lost its session (fenced), or a claim's answer was lost with its connection.
 * The try does not count, and another node may run the jobs at once.
 */
final class HandBack {

	private static final Log logger = LogFactory.getLog(JobWorkers.class);

	private static final String FENCED = "could not confirm its database session within the fencing timeout,"
			+ " so the job did not start";

	private final WorkerStore store;

	private final String worker;

	private final Supplier<JobRunner> localRunner;

	private final AtomicBoolean unsettled = new AtomicBoolean();

	HandBack(WorkerStore store, String worker, Supplier<JobRunner> localRunner) {
		this.store = store;
		this.worker = worker;
		this.localRunner = localRunner;
	}

	/**
	 * After a claim failed, its jobs may still have been claimed in the database: hand
	 * back every job started under this worker's name that it does not run.
	 * @param running the ids of the jobs this node runs
	 */
	void unknownClaims(Collection<Long> running) {
		int handedBack = this.store.handBackUnknownClaims(this.worker, running);
		if (handedBack > 0) {
			logger.warn("queue-job handed back " + handedBack
					+ " job(s) whose claim was lost with its connection; they will run again");
		}
	}

	/**
	 * Hand back jobs that must not start: the node lost its session while it claimed
	 * them, or while they waited for a thread, and the other nodes may rescue them once
	 * their grace ends. A job the database could not be told of stays started under this
	 * node's name, run by none of its threads: {@link #takeUnsettled()} says so, for the
	 * dispatcher to hand it back with the lost claims once the database answers (a node
	 * that is back before its grace ends would otherwise keep it for good).
	 * @param jobs the jobs, no longer among those this node runs
	 */
	void fenced(Collection<ClaimedJob> jobs) {
		if (handBack(jobs, FENCED, true) < 0) {
			this.unsettled.set(true);
		}
	}

	/**
	 * Whether a hand-back of fenced jobs failed since the last call.
	 * @return {@code true} if jobs of this node's name may be started without running
	 */
	boolean takeUnsettled() {
		return this.unsettled.getAndSet(false);
	}

	/**
	 * Hand the jobs claimed ahead that did not start back to pending at once, on
	 * shutdown: they never ran, and another node may run them now.
	 * @param jobs the jobs that waited for a thread
	 */
	void notStarted(List<ClaimedJob> jobs) {
		if (jobs.isEmpty()) {
			return;
		}
		int handedBack = Math.max(0, handBack(jobs, "stopped before the job started", false));
		logger.info("queue-job handed back " + handedBack + " job(s) claimed ahead that had not started");
	}

	/**
	 * Hand the jobs still running after the shutdown grace back to pending, so that
	 * another node runs them now; their own completion, if it comes, is then rejected (a
	 * transactional job's work rolls back).
	 * @param jobs the jobs still running
	 * @param shutdownGrace the grace they outlived
	 */
	void stillRunning(Collection<ClaimedJob> jobs, Duration shutdownGrace) {
		stopLocalRunner();
		handBack(jobs, "stopped before the job ended: it still ran after the shutdown grace of " + shutdownGrace, true);
	}

	/**
	 * The jobs handed back on shutdown are for the other nodes: this node's runner must
	 * not enqueue them again.
	 */
	void stopLocalRunner() {
		JobRunner runner = this.localRunner.get();
		if (runner != null) {
			runner.stopPlanning();
		}
	}

	/**
	 * Hand jobs back to pending.
	 * @param jobs the jobs
	 * @param reason what this node did or could not do, stored as the jobs' result
	 * @param warn whether to log a warning per job
	 * @return how many were handed back, or {@code -1} if the database could not be told
	 * of some of them
	 */
	private int handBack(Collection<ClaimedJob> jobs, String reason, boolean warn) {
		int handedBack = 0;
		boolean failed = false;
		for (ClaimedJob job : jobs) {
			try {
				if (this.store.handBack(job, reason)) {
					handedBack++;
					if (warn) {
						logger.warn("queue-job job " + job.uuid() + " handed back to pending: this node " + reason);
					}
				}
			}
			catch (RuntimeException ex) {
				failed = true;
				logger.warn("queue-job could not hand back job " + job.uuid()
						+ "; it will be handed back once the database answers, or rescued once this node is gone", ex);
			}
		}
		if (handedBack > 0) {
			try {
				// for the runner of another node, and under direct claims its
				// workers, which hear the runners' channel too
				this.store.notify(JobStores.RUNNER_CHANNEL);
			}
			catch (RuntimeException ex) {
				logger.debug("queue-job could not notify the other nodes of the jobs handed back; they poll", ex);
			}
		}
		return failed ? -1 : handedBack;
	}

}
