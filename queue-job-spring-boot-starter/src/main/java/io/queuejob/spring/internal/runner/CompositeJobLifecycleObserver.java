package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.DeadJob;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls several observers; an observer that throws is logged and does not keep the job's
 * thread from going on.
 */
final class CompositeJobLifecycleObserver implements JobLifecycleObserver {

	private static final Log logger = LogFactory.getLog(CompositeJobLifecycleObserver.class);

	private final List<JobLifecycleObserver> observers;

	CompositeJobLifecycleObserver(List<? extends JobLifecycleObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	@Override
	public void enqueued(String channel, String jobFunction, int count) {
		each((observer) -> observer.enqueued(channel, jobFunction, count));
	}

	@Override
	public void started(ClaimedJob job) {
		each((observer) -> observer.started(job));
	}

	@Override
	public void done(ClaimedJob job, Duration executionTime) {
		each((observer) -> observer.done(job, executionTime));
	}

	@Override
	public void retried(ClaimedJob job, Instant eta, int retry, String excName, String excMessage,
			Duration executionTime) {
		each((observer) -> observer.retried(job, eta, retry, excName, excMessage, executionTime));
	}

	@Override
	public void superseded(ClaimedJob job, Duration executionTime) {
		each((observer) -> observer.superseded(job, executionTime));
	}

	@Override
	public void cancelled(ClaimedJob job, Duration executionTime) {
		each((observer) -> observer.cancelled(job, executionTime));
	}

	@Override
	public void failed(ClaimedJob job, String excName, String excMessage, Duration executionTime) {
		each((observer) -> observer.failed(job, excName, excMessage, executionTime));
	}

	@Override
	public void rescued(DeadJob job, JobState state) {
		each((observer) -> observer.rescued(job, state));
	}

	@Override
	public void round(int enqueued) {
		each((observer) -> observer.round(enqueued));
	}

	private void each(Consumer<JobLifecycleObserver> call) {
		for (JobLifecycleObserver observer : this.observers) {
			try {
				call.accept(observer);
			}
			catch (RuntimeException ex) {
				logger.warn("queue-job lifecycle observer " + observer + " failed", ex);
			}
		}
	}

}
