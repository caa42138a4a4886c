package io.queuejob.core;

import java.util.regex.Pattern;

/**
 * Reads the text form of a {@link RetryPattern}: {@code "1:10, 5:20, 10:(30-60)"}.
 */
final class RetryPatternParser {

	private static final Pattern NUMBER = Pattern.compile("-?\\d+");

	private final String written;

	private RetryPatternParser(String written) {
		this.written = written;
	}

	static RetryPattern parse(String text) {
		if (text == null || text.isBlank()) {
			return RetryPattern.NONE;
		}
		RetryPattern.Builder builder = RetryPattern.builder();
		String[] entries = text.split(",", -1);
		for (int i = 0; i < entries.length; i++) {
			String entry = entries[i].strip();
			if (entry.isEmpty()) {
				throw new InvalidRetryPatternException("Invalid retry pattern '" + text + "': entry " + (i + 1)
						+ " is empty (nothing between commas)");
			}
			new RetryPatternParser(entry).addTo(builder);
		}
		return builder.build();
	}

	private void addTo(RetryPattern.Builder builder) {
		int colon = this.written.indexOf(':');
		if (colon < 0) {
			throw invalid("missing ':' between the try number and the delay");
		}
		int fromTry = number(this.written.substring(0, colon), "try number");
		String delay = this.written.substring(colon + 1).strip();
		if (delay.startsWith("(") || delay.endsWith(")")) {
			addRange(builder, fromTry, delay);
		}
		else {
			int seconds = number(delay, "delay");
			builder.add(this.written, fromTry, seconds, seconds);
		}
	}

	private void addRange(RetryPattern.Builder builder, int fromTry, String range) {
		if (!range.startsWith("(") || !range.endsWith(")")) {
			throw invalid("malformed range '" + range + "', expected (min-max)");
		}
		String inside = range.substring(1, range.length() - 1).strip();
		int dash = inside.indexOf('-', 1);
		if (dash < 0) {
			throw invalid("malformed range '" + range + "', expected (min-max)");
		}
		int min = number(inside.substring(0, dash), "range minimum");
		int max = number(inside.substring(dash + 1), "range maximum");
		builder.add(this.written, fromTry, min, max);
	}

	private int number(String text, String what) {
		String value = text.strip();
		if (!NUMBER.matcher(value).matches()) {
			throw invalid(what + " '" + value + "' is not a whole number");
		}
		int number;
		try {
			number = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw invalid(what + " '" + value + "' is too large");
		}
		if (number < 0) {
			throw invalid(what + " " + number + " is negative");
		}
		return number;
	}

	private InvalidRetryPatternException invalid(String problem) {
		return new InvalidRetryPatternException("Invalid retry pattern entry '" + this.written + "': " + problem);
	}

}
