package io.queuejob.spring.internal.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.queuejob.core.JobState;
import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobSort;

/**
 * Reads the request parameters of the API, naming the parameter of any bad value. It only
 * parses: the limits (page size, lengths, control characters, the range of instants,
 * cursors, selection size) are checked by the operations.
 */
final class Parameters {

	static final int DEFAULT_LIMIT = 50;

	/** The most characters of a bad value repeated in the message about it. */
	private static final int QUOTED_LENGTH = 60;

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Parameters() {
	}

	static JobFilter filter(List<String> states, String channel, String function, String text, String createdFrom,
			String createdTo, String doneFrom, String doneTo) {
		return new JobFilter(states(states), blankToNull(channel), blankToNull(function), blankToNull(text),
				instant("createdFrom", createdFrom), instant("createdTo", createdTo), instant("doneFrom", doneFrom),
				instant("doneTo", doneTo));
	}

	static Set<JobState> states(List<String> values) {
		Set<JobState> states = EnumSet.noneOf(JobState.class);
		if (values != null) {
			for (String value : values) {
				states.add(state(value));
			}
		}
		return states;
	}

	private static JobState state(String value) {
		try {
			return JobState.fromDbValue(value);
		}
		catch (IllegalArgumentException ex) {
			List<String> words = Arrays.stream(JobState.values()).map(JobState::dbValue).toList();
			throw new InvalidJobQueryException("state",
					"state " + quote(value) + " is not a job state; use one of " + String.join(", ", words));
		}
	}

	static Instant instant(String name, String value) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobQueryException(name,
					name + " " + quote(value) + " is not an ISO-8601 instant such as 2026-11-23T11:20:00Z");
		}
	}

	static JobSort sort(String value) {
		String text = blankToNull(value);
		if (text == null) {
			return JobSort.NEWEST;
		}
		try {
			return JobSort.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJobQueryException("sort", "sort " + quote(value) + " is neither newest nor oldest");
		}
	}

	static int limit(String value) {
		String text = blankToNull(value);
		if (text == null) {
			return DEFAULT_LIMIT;
		}
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new InvalidJobQueryException("limit",
					"limit " + quote(value) + " is not a whole number between 1 and " + JobOperations.MAX_PAGE_SIZE);
		}
	}

	static UUID uuid(String name, String value) {
		if (value == null || !UUID_TEXT.matcher(value).matches()) {
			throw new InvalidJobQueryException(name, name + " " + quote(value) + " is not a uuid");
		}
		return UUID.fromString(value);
	}

	/**
	 * A bad value as the messages show it: quoted, cut when long, with its control
	 * characters as escapes.
	 */
	private static String quote(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder("'");
		value.codePoints().limit(QUOTED_LENGTH).forEach((c) -> {
			if (Character.isISOControl(c)) {
				quoted.append(String.format("\\u%04x", c));
			}
			else {
				quoted.appendCodePoint(c);
			}
		});
		if (value.codePointCount(0, value.length()) > QUOTED_LENGTH) {
			quoted.append('…');
		}
		return quoted.append('\'').toString();
	}

	static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
