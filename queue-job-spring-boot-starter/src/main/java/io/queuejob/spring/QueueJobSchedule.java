package io.queuejob.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.queuejob.spring.schedule.MissedOccurrences;
import io.queuejob.spring.schedule.Overlap;

/**
 * Runs a {@link QueueJob} method on a schedule: at each occurrence of a cron expression,
 * or of a fixed rate or delay, the node that holds the runner role stores a job of the
 * method, once per occurrence across all nodes. Exactly one of {@link #cron()},
 * {@link #fixedRate()} and {@link #fixedDelay()} is set. The method has no parameters, or
 * its arguments are given as JSON in {@link #arguments()}; it reads the occurrence its
 * job stands for with {@link JobContext#scheduledFor()}.
 * <p>
 * {@code queue-job.schedules.[name].*} properties override the attributes of the schedule
 * of the same name.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(QueueJobSchedules.class)
public @interface QueueJobSchedule {

	/**
	 * The schedule's name, unique; defaults to the job function's name. Required when a
	 * method has more than one schedule.
	 * @return the name
	 */
	String name() default "";

	/**
	 * A Spring cron expression: six fields, seconds first ({@code "0 0 2 * * *"}), or a
	 * macro such as {@code "@daily"}.
	 * @return the cron expression, or empty
	 */
	String cron() default "";

	/**
	 * The time zone of the cron expression, such as {@code "Europe/Brussels"}.
	 * @return the zone id; UTC when empty
	 */
	String zone() default "";

	/**
	 * The time between two occurrences, as an ISO-8601 duration such as {@code "PT5M"}.
	 * @return the rate, or empty
	 */
	String fixedRate() default "";

	/**
	 * The time from the end of an occurrence's job to the next occurrence, as an ISO-8601
	 * duration such as {@code "PT30S"}.
	 * @return the delay, or empty
	 */
	String fixedDelay() default "";

	/**
	 * The method's arguments as a JSON array, such as {@code "[\"daily\", 7]"}.
	 * @return the arguments
	 */
	String arguments() default "[]";

	/**
	 * What to do with missed occurrences.
	 * @return the policy
	 */
	MissedOccurrences missed() default MissedOccurrences.SKIP;

	/**
	 * Whether an occurrence may start while the previous one waits or runs.
	 * @return the policy
	 */
	Overlap overlap() default Overlap.ALLOW;

}
