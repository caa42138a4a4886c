package io.queuejob.spring.internal.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.queuejob.spring.schedule.Schedule;
import io.queuejob.spring.schedule.ScheduleDefinition;

/**
 * A schedule as the operations API shows it: times and durations as ISO-8601 text,
 * policies in lower case, and its last job.
 *
 * @param name the schedule's name
 * @param function the job function name
 * @param cron the cron expression, or {@code null}
 * @param fixedRate the fixed rate, or {@code null}
 * @param fixedDelay the fixed delay, or {@code null}
 * @param zone the zone of the cron expression
 * @param arguments the job method's arguments as a JSON array
 * @param enabled whether the schedule is enabled
 * @param paused whether it is paused
 * @param missed its missed-occurrence policy
 * @param overlap its overlap policy
 * @param source where it is declared
 * @param nextOccurrence the next occurrence, or {@code null}
 * @param lastOccurrence the occurrence of its last job, or {@code null}
 * @param lastJob its last job, or {@code null}
 */
record ScheduleJson(String name, String function, String cron, String fixedRate, String fixedDelay, String zone,
		String arguments, boolean enabled, boolean paused, String missed, String overlap, String source,
		String nextOccurrence, String lastOccurrence, LastJob lastJob) {

	static ScheduleJson of(Schedule schedule) {
		ScheduleDefinition definition = schedule.definition();
		LastJob lastJob = (schedule.lastJobUuid() != null)
				? new LastJob(schedule.lastJobUuid(), schedule.lastJobState()) : null;
		return new ScheduleJson(definition.name(), definition.function(), definition.cron(),
				text(definition.fixedRate()), text(definition.fixedDelay()), definition.zone(), definition.arguments(),
				definition.enabled(), schedule.paused(), lower(definition.missed()), lower(definition.overlap()),
				schedule.source(), text(schedule.nextOccurrence()), text(schedule.lastOccurrence()), lastJob);
	}

	private static String text(Duration value) {
		return (value != null) ? value.toString() : null;
	}

	private static String text(Instant value) {
		return (value != null) ? value.toString() : null;
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The last job of a schedule.
	 *
	 * @param uuid the job's uuid
	 * @param state its state, or {@code null} if it was deleted
	 */
	record LastJob(UUID uuid, String state) {

	}

}
