package io.queuejob.spring.internal.runner;

import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.StopStore;

/**
 * What each notification wakes on this node, and the sessions the listener holds.
 */
public final class ListenerSubscriptions {

	private ListenerSubscriptions() {
	}

	/**
	 * Subscribe this node's runner and workers to the notifications that concern them,
	 * and give the listener the sessions of the election and the liveness lock.
	 * @param listener the listener of this node
	 * @param stores the stores, whose notification payload marks this node's own
	 * notifications and whose claim mode says what may give the workers a job
	 * @param runner the runner of this node, or {@code null}
	 * @param workers the workers of this node, or {@code null}
	 * @param election the runner election, or {@code null}
	 * @param liveness the liveness lock of this node, or {@code null}
	 */
	public static void subscribe(PostgresJobListener listener, JobStores stores, JobRunner runner, JobWorkers workers,
			RunnerElection election, NodeLiveness liveness) {
		if (runner != null) {
			listener.subscribe(JobStores.RUNNER_CHANNEL, runner::wake);
		}
		if (election != null) {
			listener.addTask(election);
		}
		if (liveness != null) {
			listener.addTask(liveness);
		}
		if (workers != null) {
			// this node's runner and enqueuer wake its workers in memory
			listener.subscribe(JobStores.WORKERS_CHANNEL, stores.notificationPayload(), workers::wake);
			// a cancel of a started job, on any node: this node stops its tries of it
			listener.subscribe(StopStore.CANCEL_CHANNEL,
					() -> workers.runningJobs().stopCancelled(stores.stops()::cancelledAmong));
			if (stores.directClaims()) {
				// whatever tells the runners that pending jobs changed (a job stored with
				// an eta, a retry, a requeue, another process's insert) may give the
				// workers a ready job to claim
				listener.subscribe(JobStores.RUNNER_CHANNEL, workers::wake);
			}
		}
	}

}
