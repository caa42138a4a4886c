package io.queuejob.core;

import java.time.Duration;

/**
 * A try that ran past its job's timeout and was stopped. Retryable as any
 * {@link RetryableJobException}, through the job's retry pattern, unless its job function
 * does not retry on timeout: then the job fails with it at once.
 */
public class JobTimeoutException extends RetryableJobException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Create the exception of a try that timed out.
	 * @param timeout the job's timeout
	 * @param detail what else happened, appended to the message, or {@code null}
	 * @param cause what the stopped job method threw, or {@code null}
	 */
	public JobTimeoutException(Duration timeout, String detail, Throwable cause) {
		super(message(timeout, detail), null, null, false, cause);
		this.timeout = timeout;
	}

	private static String message(Duration timeout, String detail) {
		String message = "Timed out after " + text(timeout);
		return (detail != null) ? message + ": " + detail : message;
	}

	/**
	 * A duration as people write it: {@code 5m}, {@code 1h30m}, {@code 250ms}.
	 * @param duration the duration
	 * @return its text
	 */
	public static String text(Duration duration) {
		if (duration.toMillisPart() != 0 || duration.isZero()) {
			return duration.toMillis() + "ms";
		}
		StringBuilder text = new StringBuilder();
		append(text, duration.toDaysPart(), "d");
		append(text, duration.toHoursPart(), "h");
		append(text, duration.toMinutesPart(), "m");
		append(text, duration.toSecondsPart(), "s");
		return text.toString();
	}

	private static void append(StringBuilder text, long amount, String unit) {
		if (amount != 0) {
			text.append(amount).append(unit);
		}
	}

	/**
	 * The timeout the try ran past.
	 * @return the job's timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

}
