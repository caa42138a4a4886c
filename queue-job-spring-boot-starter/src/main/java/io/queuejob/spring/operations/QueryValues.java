package io.queuejob.spring.operations;

import java.time.Instant;

/**
 * The checks of the values a job query binds, so that every value PostgreSQL would
 * reject, or that could never match a stored job, is refused first with an
 * {@link InvalidJobQueryException} naming it.
 */
final class QueryValues {

	private QueryValues() {
	}

	/**
	 * Check a text: at most {@code maxLength} characters and no control character
	 * (PostgreSQL refuses NUL in text; channels, job functions and searched texts have no
	 * use for the others).
	 * @param parameter the parameter's name
	 * @param value the text or {@code null}
	 * @param maxLength the most characters
	 * @return the text
	 */
	static String text(String parameter, String value, int maxLength) {
		if (value == null) {
			return null;
		}
		if (value.length() > maxLength) {
			throw new InvalidJobQueryException(parameter,
					parameter + " must be at most " + maxLength + " characters, got " + value.length());
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				throw new InvalidJobQueryException(parameter, parameter + " must not contain control characters; found "
						+ String.format("U+%04X", (int) c) + " at position " + (i + 1));
			}
		}
		return value;
	}

	/**
	 * Check an instant: within the range of PostgreSQL's {@code timestamptz}.
	 * @param parameter the parameter's name
	 * @param value the instant or {@code null}
	 * @return the instant
	 */
	static Instant instant(String parameter, Instant value) {
		if (value != null && !inRange(value)) {
			throw new InvalidJobQueryException(parameter, parameter + " must be between " + JobOperations.MIN_INSTANT
					+ " and " + JobOperations.MAX_INSTANT + " (the range of PostgreSQL timestamps), got " + value);
		}
		return value;
	}

	static boolean inRange(Instant value) {
		return !value.isBefore(JobOperations.MIN_INSTANT) && !value.isAfter(JobOperations.MAX_INSTANT);
	}

}
