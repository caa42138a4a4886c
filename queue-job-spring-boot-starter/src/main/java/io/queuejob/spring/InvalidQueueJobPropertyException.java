package io.queuejob.spring;

/**
 * A queue-job property whose value cannot be used. Stops start-up; the message says what
 * is wrong, naming the property or entry, and the {@link #getAction() action} how to fix
 * it, both shown in Spring Boot's "APPLICATION FAILED TO START" report.
 */
public class InvalidQueueJobPropertyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String action;

	/**
	 * Create an exception.
	 * @param property the property, such as {@code queue-job.channels}
	 * @param message what is wrong, naming the property or entry
	 * @param action how to fix it
	 * @param cause the error that revealed the problem, or {@code null}
	 */
	public InvalidQueueJobPropertyException(String property, String message, String action, Throwable cause) {
		super(message, cause);
		this.property = property;
		this.action = action;
	}

	/**
	 * The property whose value cannot be used.
	 * @return its name, such as {@code queue-job.channels}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * How to fix the value.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
