package io.queuejob.spring.internal.store;

/**
 * The job store, by role: what enqueueing, the runner, the workers and the rescue of dead
 * nodes' jobs each need of it. {@link JdbcJobStores#create} builds them on PostgreSQL; an
 * application may wrap them in its own.
 *
 * @param enqueue the store of the enqueuers
 * @param runner the store of the runner's rounds
 * @param workers the store of the workers' claims and outcomes
 * @param rescue the store of the dead nodes' jobs' rescue
 * @param stops the store of the cancel requests and ends of the stopped running jobs
 * @param lockName what identifies this queue-job installation in advisory lock keys: the
 * qualified name of its job table
 * @param notificationPayload the payload of the notifications these stores send, unique
 * to them: this node's listener can tell them from the other nodes', whose it must pass
 * on when this node wakes its own runner or workers in memory
 * @param directClaims whether the workers claim the ready pending jobs (no eta)
 * themselves, leaving the runner only the jobs with an eta: for channels that limit
 * nothing, where the runner would enqueue every job anyway
 */
public record JobStores(EnqueueStore enqueue, RunnerStore runner, WorkerStore workers, RescueStore rescue,
		StopStore stops, String lockName, String notificationPayload, boolean directClaims) {

	/** The notification channel that tells the runner something changed. */
	public static final String RUNNER_CHANNEL = "queue_job";

	/** The notification channel that tells the workers jobs were enqueued. */
	public static final String WORKERS_CHANNEL = "queue_job_enqueued";

}
