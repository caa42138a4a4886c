package io.queuejob.core;

/**
 * Thrown by a job method to fail the job now, whatever tries it has left. Also the
 * exception name recorded when a job runs out of tries.
 */
public class FailedJobException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception that fails the job.
	 * @param message why the job failed
	 */
	public FailedJobException(String message) {
		super(message);
	}

	/**
	 * Create an exception that fails the job.
	 * @param message why the job failed
	 * @param cause the underlying error
	 */
	public FailedJobException(String message, Throwable cause) {
		super(message, cause);
	}

}
