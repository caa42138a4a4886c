package io.queuejob.spring.operations;

import java.time.Duration;

/**
 * A channel: its configuration and how many of its jobs are in each active state.
 *
 * @param name the full channel name
 * @param capacity its capacity, or {@code null} for unlimited (or not configured)
 * @param sequential whether it is sequential
 * @param throttle its throttle interval, or {@code null}
 * @param waiting its jobs waiting for their dependencies
 * @param pending its pending jobs
 * @param enqueued its enqueued jobs
 * @param started its started jobs
 * @param failed its failed jobs
 * @param paused whether the channel itself is paused (its jobs are also held back when an
 * ancestor is)
 */
public record ChannelStatus(String name, Integer capacity, boolean sequential, Duration throttle, long waiting,
		long pending, long enqueued, long started, long failed, boolean paused) {

	/**
	 * A channel that is not paused.
	 * @param name the full channel name
	 * @param capacity its capacity, or {@code null}
	 * @param sequential whether it is sequential
	 * @param throttle its throttle interval, or {@code null}
	 * @param waiting its jobs waiting for their dependencies
	 * @param pending its pending jobs
	 * @param enqueued its enqueued jobs
	 * @param started its started jobs
	 * @param failed its failed jobs
	 */
	public ChannelStatus(String name, Integer capacity, boolean sequential, Duration throttle, long waiting,
			long pending, long enqueued, long started, long failed) {
		this(name, capacity, sequential, throttle, waiting, pending, enqueued, started, failed, false);
	}

}
