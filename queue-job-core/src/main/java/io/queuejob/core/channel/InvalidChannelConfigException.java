package io.queuejob.core.channel;

/**
 * Thrown when a channel configuration entry is malformed. The message names the entry and
 * what is wrong with it.
 */
public class InvalidChannelConfigException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message that names the bad entry.
	 * @param message what is wrong, naming the entry
	 */
	public InvalidChannelConfigException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message that names the bad entry and the error it wraps.
	 * @param message what is wrong, naming the entry
	 * @param cause the error that revealed the problem
	 */
	public InvalidChannelConfigException(String message, Throwable cause) {
		super(message, cause);
	}

}
