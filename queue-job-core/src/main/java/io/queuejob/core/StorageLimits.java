package io.queuejob.core;

import java.time.Instant;

/**
 * What the job table can store: the length of its name columns and the range of its
 * timestamps. Values beyond are refused before anything is written, with a message naming
 * them, rather than by the database.
 */
public final class StorageLimits {

	/**
	 * The most characters of a channel, a job function name, an identity key or a
	 * "created by" name: the length of their {@code varchar(255)} columns.
	 */
	public static final int MAX_NAME_LENGTH = 255;

	/** The earliest instant PostgreSQL's {@code timestamptz} holds (4714-11-24 BC). */
	public static final Instant MIN_INSTANT = Instant.parse("-4713-11-24T00:00:00Z");

	/** The latest instant PostgreSQL's {@code timestamptz} holds. */
	public static final Instant MAX_INSTANT = Instant.parse("+294276-12-31T23:59:59.999999Z");

	private StorageLimits() {
	}

	/**
	 * Whether an instant is within the range of PostgreSQL's {@code timestamptz}.
	 * @param instant the instant
	 * @return {@code true} from {@link #MIN_INSTANT} to {@link #MAX_INSTANT} inclusive
	 */
	public static boolean isStorable(Instant instant) {
		return !instant.isBefore(MIN_INSTANT) && !instant.isAfter(MAX_INSTANT);
	}

	/**
	 * Check a text bound for a {@code varchar(255)} or {@code text} column: PostgreSQL
	 * refuses the character U+0000 in text, and a name longer than its column.
	 * @param option the option's name, for the message
	 * @param value the text or {@code null}
	 * @param maxLength the most characters, or a negative number for no limit
	 * @throws IllegalArgumentException naming the option and the limit
	 */
	public static void requireStorableText(String option, String value, int maxLength) {
		if (value == null) {
			return;
		}
		if (maxLength >= 0 && value.length() > maxLength) {
			throw new IllegalArgumentException(option + " must be at most " + maxLength
					+ " characters (the length of its column), got " + value.length());
		}
		int nul = value.indexOf('\0');
		if (nul >= 0) {
			throw new IllegalArgumentException(option + " must not contain the character U+0000 (at position "
					+ (nul + 1) + "), which PostgreSQL does not store in text");
		}
	}

}
