package io.queuejob.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds the {@link QueueJobSchedule} annotations of a method that has several.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueueJobSchedules {

	/**
	 * The schedules.
	 * @return the schedules
	 */
	QueueJobSchedule[] value();

}
