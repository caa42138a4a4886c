package io.queuejob.spring.internal.enqueue;

import java.util.List;

import io.queuejob.spring.Delayable;
import io.queuejob.spring.QueueJob;

/**
 * Receives the jobs that {@link Delayable#delay()} and {@code @QueueJob} calls enqueue,
 * instead of the store, while it is installed with
 * {@link StoringJobEnqueuer#divertTo(JobSink)}. Internal; the seam of
 * {@link io.queuejob.spring.test.JobTrap}.
 */
@FunctionalInterface
public interface JobSink {

	/**
	 * Take the jobs of one enqueued graph (a single job is a graph of one).
	 * @param jobs the jobs, parents before children
	 */
	void accept(List<PreparedJob> jobs);

}
