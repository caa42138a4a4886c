package io.queuejob.spring.internal.schedule;

/**
 * Told what the materialiser did with a schedule's occurrences, for metrics. Internal.
 */
public interface ScheduleObserver {

	/** An observer that does nothing. */
	ScheduleObserver NONE = new ScheduleObserver() {
	};

	/**
	 * Jobs were stored for occurrences.
	 * @param schedule the schedule's name
	 * @param count how many
	 */
	default void materialised(String schedule, long count) {
	}

	/**
	 * Occurrences were dropped by the overlap policy, or merged into a waiting job with
	 * the same identity key.
	 * @param schedule the schedule's name
	 * @param count how many
	 */
	default void skipped(String schedule, long count) {
	}

	/**
	 * Occurrences were missed and dropped by the missed-occurrence policy.
	 * @param schedule the schedule's name
	 * @param count how many
	 */
	default void missed(String schedule, long count) {
	}

}
