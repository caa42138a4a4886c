package io.queuejob.spring.autoconfigure;

import java.util.function.Consumer;

import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.store.JobStores;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What wakes this node's runner or workers when jobs were stored and the channel named is
 * notified, as the notification on that channel does on the other nodes: the workers for
 * {@link JobStores#WORKERS_CHANNEL}, the runner for any other.
 */
final class StoredJobsWaking implements Consumer<String> {

	private final Runnable wakeRunner;

	private final Runnable wakeWorkers;

	StoredJobsWaking(ObjectProvider<JobRunner> runner, ObjectProvider<JobWorkers> workers) {
		this.wakeRunner = NodeWiring.waking(runner, JobRunner::jobsStored);
		this.wakeWorkers = NodeWiring.waking(workers, JobWorkers::wake);
	}

	@Override
	public void accept(String channel) {
		(JobStores.WORKERS_CHANNEL.equals(channel) ? this.wakeWorkers : this.wakeRunner).run();
	}

}
