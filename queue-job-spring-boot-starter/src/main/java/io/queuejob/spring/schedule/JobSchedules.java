package io.queuejob.spring.schedule;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, changes and lists the schedules at run time. Every change is stored in the
 * schedule table, so it reaches every node and survives restarts. Invalid input throws
 * {@link IllegalArgumentException} and stores nothing.
 */
public interface JobSchedules {

	/**
	 * Create a schedule.
	 * @param definition the schedule
	 * @return the stored schedule, with its first occurrence
	 * @throws IllegalArgumentException if the definition is invalid (cron, zone, unknown
	 * function, arguments that do not fit the method) or the name is taken
	 */
	Schedule create(ScheduleDefinition definition);

	/**
	 * Change a schedule. A changed timing starts again from now; otherwise the next
	 * occurrence stays.
	 * @param definition the schedule, found by its name
	 * @return the stored schedule
	 * @throws IllegalArgumentException if the definition is invalid
	 * @throws ScheduleNotFoundException if no schedule has that name
	 */
	Schedule update(ScheduleDefinition definition);

	/**
	 * Pause a schedule: no occurrence is materialised until it is resumed. The
	 * occurrences that fall due meanwhile are missed, handled on resume by its
	 * missed-occurrence policy.
	 * @param name the schedule's name
	 * @throws ScheduleNotFoundException if no schedule has that name
	 */
	void pause(String name);

	/**
	 * Resume a paused schedule.
	 * @param name the schedule's name
	 * @throws ScheduleNotFoundException if no schedule has that name
	 */
	void resume(String name);

	/**
	 * Store a job of the schedule now, for an occurrence at the database's current time,
	 * whatever its timing, pause or overlap policy. The next occurrence stays.
	 * @param name the schedule's name
	 * @return the job's uuid
	 * @throws ScheduleNotFoundException if no schedule has that name
	 * @throws IllegalStateException if its job function is not one of this application,
	 * or a waiting job holds the function's identity key
	 */
	UUID runNow(String name);

	/**
	 * Delete a schedule; its jobs stay. A schedule declared by an annotation or in the
	 * properties comes back at the next start-up.
	 * @param name the schedule's name
	 * @throws ScheduleNotFoundException if no schedule has that name
	 */
	void delete(String name);

	/**
	 * A schedule.
	 * @param name its name
	 * @return the schedule, or empty
	 */
	Optional<Schedule> find(String name);

	/**
	 * Every schedule, by name.
	 * @return the schedules
	 */
	List<Schedule> list();

}
