package io.queuejob.spring.internal.schedule;

import java.time.Duration;

import io.queuejob.spring.schedule.MissedOccurrences;
import io.queuejob.spring.schedule.Overlap;

/**
 * A schedule declared in {@code queue-job.schedules.[name].*}: each value set overrides
 * the {@code @QueueJobSchedule} of the same name, {@code null} keeps it. Internal.
 *
 * @param function the job function name, or {@code null}
 * @param cron the cron expression, or {@code null}
 * @param zone the zone, or {@code null}
 * @param fixedRate the fixed rate, or {@code null}
 * @param fixedDelay the fixed delay, or {@code null}
 * @param arguments the arguments as a JSON array, or {@code null}
 * @param enabled whether the schedule runs, or {@code null}
 * @param missed the missed-occurrence policy, or {@code null}
 * @param overlap the overlap policy, or {@code null}
 */
public record ScheduleProperties(String function, String cron, String zone, Duration fixedRate, Duration fixedDelay,
		String arguments, Boolean enabled, MissedOccurrences missed, Overlap overlap) {

	/**
	 * Whether a timing is set, which replaces the annotation's.
	 * @return whether the cron expression, the fixed rate or the fixed delay is set
	 */
	boolean setsTiming() {
		return this.cron != null || this.fixedRate != null || this.fixedDelay != null;
	}

}
