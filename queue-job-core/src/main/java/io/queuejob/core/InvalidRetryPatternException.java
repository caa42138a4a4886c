package io.queuejob.core;

/**
 * Thrown when a retry pattern is malformed. The message names the bad entry, as written,
 * and what is wrong with it.
 */
public class InvalidRetryPatternException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message that names the bad entry.
	 * @param message what is wrong, naming the entry
	 */
	public InvalidRetryPatternException(String message) {
		super(message);
	}

}
