package io.queuejob.spring.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * What a schedule runs and when: a job function, its arguments, and exactly one of a cron
 * expression (in a zone), a fixed rate or a fixed delay. Start from
 * {@link #cron(String, String, String)}, {@link #fixedRate(String, String, Duration)} or
 * {@link #fixedDelay(String, String, Duration)} and adjust with the {@code with…}
 * methods.
 *
 * @param name the schedule's name, unique
 * @param function the job function name, as its jobs name it ({@code beanName.methodName}
 * or the name given in {@code @QueueJob})
 * @param cron a Spring cron expression (six fields, seconds first, or a macro such as
 * {@code @daily}), or {@code null}
 * @param fixedRate the time between two occurrences, or {@code null}
 * @param fixedDelay the time from the end of an occurrence's job to the next occurrence,
 * or {@code null}
 * @param zone the time zone of the cron expression, such as {@code Europe/Brussels}
 * @param arguments the job method's arguments as a JSON array
 * @param enabled whether the schedule runs
 * @param missed what to do with missed occurrences
 * @param overlap whether an occurrence may start while the previous one waits or runs
 */
public record ScheduleDefinition(String name, String function, String cron, Duration fixedRate, Duration fixedDelay,
		String zone, String arguments, boolean enabled, MissedOccurrences missed, Overlap overlap) {

	/** The zone of a cron expression when none is given. */
	public static final String DEFAULT_ZONE = "UTC";

	/** The arguments of a method without parameters. */
	public static final String NO_ARGUMENTS = "[]";

	public ScheduleDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(function, "function");
		zone = (zone != null) ? zone : DEFAULT_ZONE;
		arguments = (arguments != null) ? arguments : NO_ARGUMENTS;
		missed = (missed != null) ? missed : MissedOccurrences.SKIP;
		overlap = (overlap != null) ? overlap : Overlap.ALLOW;
	}

	/**
	 * A schedule on a cron expression, in UTC.
	 * @param name the schedule's name
	 * @param function the job function name
	 * @param cron the cron expression, such as {@code "0 0 2 * * *"}
	 * @return the definition
	 */
	public static ScheduleDefinition cron(String name, String function, String cron) {
		return new ScheduleDefinition(name, function, cron, null, null, null, null, true, null, null);
	}

	/**
	 * A schedule at a fixed rate, its first occurrence a rate after it is created.
	 * @param name the schedule's name
	 * @param function the job function name
	 * @param rate the time between two occurrences
	 * @return the definition
	 */
	public static ScheduleDefinition fixedRate(String name, String function, Duration rate) {
		return new ScheduleDefinition(name, function, null, rate, null, null, null, true, null, null);
	}

	/**
	 * A schedule with a fixed delay from the end of each occurrence's job to the next
	 * occurrence, its first occurrence a delay after it is created.
	 * @param name the schedule's name
	 * @param function the job function name
	 * @param delay the delay
	 * @return the definition
	 */
	public static ScheduleDefinition fixedDelay(String name, String function, Duration delay) {
		return new ScheduleDefinition(name, function, null, null, delay, null, null, true, null, null);
	}

	/**
	 * This definition in another zone.
	 * @param zone the zone id
	 * @return a copy
	 */
	public ScheduleDefinition withZone(String zone) {
		return new ScheduleDefinition(this.name, this.function, this.cron, this.fixedRate, this.fixedDelay, zone,
				this.arguments, this.enabled, this.missed, this.overlap);
	}

	/**
	 * This definition with other arguments.
	 * @param arguments the job method's arguments as a JSON array
	 * @return a copy
	 */
	public ScheduleDefinition withArguments(String arguments) {
		return new ScheduleDefinition(this.name, this.function, this.cron, this.fixedRate, this.fixedDelay, this.zone,
				arguments, this.enabled, this.missed, this.overlap);
	}

	/**
	 * This definition enabled or disabled.
	 * @param enabled whether the schedule runs
	 * @return a copy
	 */
	public ScheduleDefinition withEnabled(boolean enabled) {
		return new ScheduleDefinition(this.name, this.function, this.cron, this.fixedRate, this.fixedDelay, this.zone,
				this.arguments, enabled, this.missed, this.overlap);
	}

	/**
	 * This definition with another missed-occurrence policy.
	 * @param missed the policy
	 * @return a copy
	 */
	public ScheduleDefinition withMissed(MissedOccurrences missed) {
		return new ScheduleDefinition(this.name, this.function, this.cron, this.fixedRate, this.fixedDelay, this.zone,
				this.arguments, this.enabled, missed, this.overlap);
	}

	/**
	 * This definition with another overlap policy.
	 * @param overlap the policy
	 * @return a copy
	 */
	public ScheduleDefinition withOverlap(Overlap overlap) {
		return new ScheduleDefinition(this.name, this.function, this.cron, this.fixedRate, this.fixedDelay, this.zone,
				this.arguments, this.enabled, this.missed, overlap);
	}

	/**
	 * Whether this definition times its occurrences like another: same cron, rate, delay
	 * and zone.
	 * @param other the other definition
	 * @return whether the timing is the same
	 */
	public boolean sameTiming(ScheduleDefinition other) {
		return Objects.equals(this.cron, other.cron) && Objects.equals(this.fixedRate, other.fixedRate)
				&& Objects.equals(this.fixedDelay, other.fixedDelay) && Objects.equals(this.zone, other.zone);
	}

}
