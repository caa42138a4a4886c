package io.queuejob.spring.schedule;

/**
 * No schedule has the name given.
 */
public class ScheduleNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String name;

	/**
	 * Create an exception.
	 * @param name the schedule's name
	 */
	public ScheduleNotFoundException(String name) {
		super("No schedule named '" + name + "'");
		this.name = name;
	}

	/**
	 * The name that no schedule has.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

}
