package io.queuejob.spring.internal.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.queuejob.core.JobState;
import io.queuejob.spring.event.JobDoneEvent;
import io.queuejob.spring.event.JobFailedEvent;
import io.queuejob.spring.event.JobLifecycleEvent;
import io.queuejob.spring.event.JobLifecycleEvent.JobSummary;
import io.queuejob.spring.event.JobRescuedEvent;
import io.queuejob.spring.event.JobRetriedEvent;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.DeadJob;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the job lifecycle events of this node. The observer is told only of committed
 * changes, so every event is published after its commit. Internal: created by the
 * auto-configuration.
 */
public final class JobEventPublisher implements JobLifecycleObserver {

	private static final Log logger = LogFactory.getLog(JobEventPublisher.class);

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	/**
	 * Create the publisher.
	 * @param publisher the application's event publisher
	 * @param clock the clock that stamps the events
	 */
	public JobEventPublisher(ApplicationEventPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	@Override
	public void done(ClaimedJob job, Duration executionTime) {
		publish(new JobDoneEvent(summary(job, job.retry()), executionTime, this.clock.instant()));
	}

	@Override
	public void retried(ClaimedJob job, Instant eta, int retry, String excName, String excMessage,
			Duration executionTime) {
		publish(new JobRetriedEvent(summary(job, retry), eta, excName, excMessage, this.clock.instant()));
	}

	@Override
	public void failed(ClaimedJob job, String excName, String excMessage, Duration executionTime) {
		publish(new JobFailedEvent(summary(job, job.retry()), excName, excMessage, this.clock.instant()));
	}

	@Override
	public void rescued(DeadJob job, JobState state) {
		Instant now = this.clock.instant();
		JobSummary summary = new JobSummary(job.uuid(), job.jobFunction(), job.channel(), job.description(),
				job.retry(), job.maxRetries(), job.worker());
		publish(new JobRescuedEvent(summary, state, now));
		if (state == JobState.FAILED) {
			publish(new JobFailedEvent(summary, "JobFoundDead",
					"The node " + job.worker() + " that ran the job died, and no try is left", now));
		}
	}

	private static JobSummary summary(ClaimedJob job, int retry) {
		return new JobSummary(job.uuid(), job.jobFunction(), job.channel(), job.description(), retry, job.maxRetries(),
				job.worker());
	}

	private void publish(JobLifecycleEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of " + event + " failed", ex);
		}
	}

}
