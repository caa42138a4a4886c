package io.queuejob.spring.operations;

/**
 * Thrown when a job query or action has a value out of range, such as a malformed cursor
 * or too many jobs; the REST API answers it with 400 and a problem detail naming the
 * parameter.
 */
public class InvalidJobQueryException extends IllegalArgumentException {

	private final String parameter;

	/**
	 * Create an exception.
	 * @param parameter the name of the bad parameter
	 * @param message what is wrong with it
	 */
	public InvalidJobQueryException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	/**
	 * The name of the bad parameter, such as {@code cursor}.
	 * @return the parameter name
	 */
	public String getParameter() {
		return this.parameter;
	}

}
