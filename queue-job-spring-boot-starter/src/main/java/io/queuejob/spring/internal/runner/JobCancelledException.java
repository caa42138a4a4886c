package io.queuejob.spring.internal.runner;

/**
 * A try stopped because a user cancelled its job while it ran: the job ends
 * {@code cancelled}, not retried.
 */
final class JobCancelledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	JobCancelledException(String detail, Throwable cause) {
		super((detail != null) ? "Cancelled while running: " + detail : "Cancelled while running", cause);
	}

}
