package io.queuejob.spring.internal.store;

import java.util.List;

import io.queuejob.core.JobState;

/**
 * What the rescue of dead nodes' jobs needs of the job store.
 */
public interface RescueStore {

	/**
	 * The started jobs whose node does not hold its liveness lock: the node died, or its
	 * listener connection did.
	 * @param lockNamespace the first key of the nodes' liveness locks
	 * @return the jobs, with their node
	 */
	List<DeadJob> startedByNodesWithoutLock(int lockNamespace);

	/**
	 * Put a job whose node died back to pending, or fail it with {@code JobFoundDead}
	 * when it has no tries left. A keyed job whose key a newer waiting job holds is
	 * cancelled instead. Guarded by the job's state, node and try, by the node's liveness
	 * lock being still free, and by the runner's election lock being still held by the
	 * rescuing runner's listener session: a runner that lost its session rescues nothing.
	 * @param job the job
	 * @param leaderPid the backend pid of the listener session through which the rescuing
	 * node holds the runner's election lock
	 * @return the state it went to, or {@code null} if it was no longer started by that
	 * node in that try, its node is back, or the runner is no longer this one
	 */
	JobState rescue(DeadJob job, int leaderPid);

}
