package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.DeadJob;
import io.queuejob.spring.internal.store.RescueStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Finds jobs whose node died and puts them back to pending (or fails them with
 * {@code JobFoundDead} when no try is left). A node is alive while its listener
 * connection holds its liveness lock ({@link NodeLiveness}); a job whose node has been
 * without it for the grace period is rescued. Nothing else is timed: a job that runs on a
 * live node is never rescued, however long it runs. The rescue is guarded by the job's
 * state and node, and the node's own completion is guarded by its try, so whichever comes
 * second changes nothing. Used by the runner, one thread.
 */
public final class DeadJobRescue {

	/**
	 * The log category of the rescues of dead nodes' jobs: a name of its own, documented
	 * for applications to set its level, whatever the class.
	 */
	public static final String LOG_CATEGORY = "io.queuejob.spring.rescue";

	private static final Log logger = LogFactory.getLog(LOG_CATEGORY);

	private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

	private final RescueStore store;

	private final Duration grace;

	private final JobLifecycleObserver observer;

	private final Map<String, Instant> lockMissingSince = new HashMap<>();

	private Instant nextCheck = Instant.MIN;

	/**
	 * Create the rescue.
	 * @param store the job store
	 * @param grace how long a node may be without its liveness lock (a reconnecting node
	 * takes it back within a second or two) before its jobs are rescued
	 * @param observer told of each rescue once it is written
	 */
	public DeadJobRescue(RescueStore store, Duration grace, JobLifecycleObserver observer) {
		this.store = store;
		this.grace = grace;
		this.observer = observer;
	}

	/**
	 * Rescue the jobs whose node has been dead for the grace period; checks at most once
	 * a second.
	 * @param now the current instant
	 * @param leaderPid the backend pid of the listener session through which this node is
	 * the runner: each rescue checks that it still holds the election lock
	 * @return how many jobs were rescued
	 */
	int rescue(Instant now, int leaderPid) {
		if (now.isBefore(this.nextCheck) || leaderPid == 0) {
			return 0;
		}
		this.nextCheck = now.plus(CHECK_INTERVAL);
		List<DeadJob> jobs = this.store.startedByNodesWithoutLock(NodeLiveness.LOCK_NAMESPACE);
		Set<String> nodes = new HashSet<>();
		jobs.forEach((job) -> nodes.add(job.worker()));
		this.lockMissingSince.keySet().retainAll(nodes);
		int rescued = 0;
		for (DeadJob job : jobs) {
			Instant since = this.lockMissingSince.computeIfAbsent(job.worker(), (node) -> now);
			if (!now.isBefore(since.plus(this.grace))) {
				rescued += rescue(job, leaderPid) ? 1 : 0;
			}
		}
		return rescued;
	}

	/**
	 * Forget which nodes were seen without their lock, and since when: this node is not
	 * the runner now (or it stood still, and lost its role), so that what it saw before
	 * tells nothing of how long those nodes have been gone when it is the runner again.
	 */
	void forget() {
		this.lockMissingSince.clear();
	}

	/**
	 * When a rescue is due next, for the runner's wake-up.
	 * @return the earliest instant a waiting rescue is due, or {@code null}
	 */
	Instant nextRescue() {
		return this.lockMissingSince.values()
			.stream()
			.map((since) -> since.plus(this.grace))
			.min(Instant::compareTo)
			.orElse(null);
	}

	private boolean rescue(DeadJob job, int leaderPid) {
		JobState state = this.store.rescue(job, leaderPid);
		if (state != null) {
			String lost = JobFailureLog.describe(job.uuid(), job.jobFunction(), job.retry(), job.maxRetries())
					+ " was started by node " + job.worker() + ", which is gone; ";
			if (state == JobState.FAILED) {
				logger.error(lost + "the job failed for good as JobFoundDead: no try is left");
			}
			else if (state == JobState.CANCELLED) {
				logger.warn(lost + "the job is cancelled instead of tried again: a newer job with the same"
						+ " identity key waits");
			}
			else {
				logger.warn(lost + "the job is " + state.dbValue() + " again");
			}
			this.observer.rescued(job, state);
		}
		return state != null;
	}

}
