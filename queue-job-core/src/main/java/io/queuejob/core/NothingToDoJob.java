package io.queuejob.core;

/**
 * Thrown by a job method to finish the job as done, with the exception's message as its
 * result.
 */
public class NothingToDoJob extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** The message used when none is given. */
	public static final String DEFAULT_MESSAGE = "Nothing to do";

	/**
	 * Create an exception with the message {@value #DEFAULT_MESSAGE}.
	 */
	public NothingToDoJob() {
		this(DEFAULT_MESSAGE);
	}

	/**
	 * Create an exception that finishes the job with the given result.
	 * @param message the job's result text
	 */
	public NothingToDoJob(String message) {
		super(message);
	}

}
