package io.queuejob.spring.internal.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import io.queuejob.spring.schedule.ScheduleDefinition;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;

/**
 * When a schedule's occurrences fall: each occurrence of a cron expression in its zone
 * (Spring's {@link CronExpression}, which follows the zone's daylight-saving changes: a
 * local time that does not exist is skipped, one that exists twice is run once), or every
 * fixed rate, or a fixed delay after each job ends.
 */
final class ScheduleTiming {

	private final CronExpression cron;

	private final ZoneId zone;

	private final Duration rate;

	private final Duration delay;

	private ScheduleTiming(CronExpression cron, ZoneId zone, Duration rate, Duration delay) {
		this.cron = cron;
		this.zone = zone;
		this.rate = rate;
		this.delay = delay;
	}

	/**
	 * The timing of a schedule.
	 * @param definition the schedule
	 * @return its timing
	 * @throws IllegalArgumentException naming the schedule if its cron expression, zone,
	 * rate or delay is invalid, or it has not exactly one of them
	 */
	static ScheduleTiming of(ScheduleDefinition definition) {
		String name = definition.name();
		int timings = (StringUtils.hasText(definition.cron()) ? 1 : 0) + ((definition.fixedRate() != null) ? 1 : 0)
				+ ((definition.fixedDelay() != null) ? 1 : 0);
		if (timings != 1) {
			throw new IllegalArgumentException("Schedule '" + name
					+ "' needs exactly one of a cron expression, a fixed rate and a fixed delay, got " + timings);
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(definition.zone());
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(
					"Schedule '" + name + "': unknown time zone '" + definition.zone() + "' (" + ex.getMessage() + ")",
					ex);
		}
		CronExpression cron = null;
		if (StringUtils.hasText(definition.cron())) {
			try {
				cron = CronExpression.parse(definition.cron());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Schedule '" + name + "': invalid cron expression '"
						+ definition.cron() + "': " + ex.getMessage(), ex);
			}
		}
		requirePositive(name, "fixed rate", definition.fixedRate());
		requirePositive(name, "fixed delay", definition.fixedDelay());
		return new ScheduleTiming(cron, zone, definition.fixedRate(), definition.fixedDelay());
	}

	private static void requirePositive(String name, String what, Duration duration) {
		if (duration != null && duration.toMillis() < 1) {
			throw new IllegalArgumentException(
					"Schedule '" + name + "': the " + what + " must be at least a millisecond, got " + duration);
		}
	}

	/**
	 * Whether the next occurrence waits for the previous job to end.
	 * @return {@code true} for a fixed delay
	 */
	boolean isFixedDelay() {
		return this.delay != null;
	}

	/**
	 * The first occurrence of a schedule created or changed at a time.
	 * @param now the time
	 * @return the first occurrence after it, or {@code null} if the cron expression has
	 * none
	 */
	Instant first(Instant now) {
		if (this.cron != null) {
			return next(now);
		}
		return now.plus((this.rate != null) ? this.rate : this.delay).truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * The occurrence after another: the cron expression's next one in the zone, or one
	 * rate later. A fixed delay has no next occurrence until the job ends.
	 * @param occurrence an occurrence, or any time
	 * @return the next occurrence, or {@code null}
	 */
	Instant next(Instant occurrence) {
		if (this.cron != null) {
			ZonedDateTime from = occurrence.atZone(this.zone);
			ZonedDateTime next = this.cron.next(from);
			// when clocks go back, a local time comes twice: it runs the first time only
			while (next != null && !next.toLocalDateTime().isAfter(from.toLocalDateTime())) {
				next = this.cron.next(next);
			}
			return (next != null) ? next.toInstant() : null;
		}
		if (this.rate != null) {
			return occurrence.plus(this.rate);
		}
		return null;
	}

}
