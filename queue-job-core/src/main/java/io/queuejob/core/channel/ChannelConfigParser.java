package io.queuejob.core.channel;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the compact channel configuration form, for example
 * {@code "root:4, mail:2, export:1:sequential, api:4:throttle=2s:rate=100/1m:per-key=1"}.
 * <p>
 * The grammar, where whitespace is allowed around every part:
 *
 * <pre class="code">
 * compact  = entry { ( "," | newline ) entry }
 * entry    = name [ ":" capacity { ":" option } ]
 * option   = "sequential" [ "=" ( "true" | "false" ) ]
 *          | "throttle" "=" duration
 *          | "rate" "=" starts "/" duration
 *          | "per-key" "=" jobs
 * duration = seconds | number ( "ms" | "s" | "m" | "h" ) | ISO-8601 duration
 * </pre>
 *
 * <ul>
 * <li>Empty entries, such as blank lines or a trailing comma, are ignored; {@code null}
 * or blank input gives no channels.</li>
 * <li>{@code name} is required; its {@code root.} prefix is optional.</li>
 * <li>{@code capacity} is a whole number of at least 1. Without it the channel is
 * unlimited (unlike OCA {@code queue_job}, where a missing capacity meant 1).</li>
 * <li>{@code sequential} alone means {@code sequential=true}; the value is
 * case-insensitive and {@code false} really means false. A sequential channel has a
 * capacity of 1.</li>
 * <li>{@code throttle} needs a positive duration: whole seconds ({@code 2}), a whole
 * number with a unit ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}) or ISO-8601
 * ({@code PT2S}).</li>
 * <li>{@code rate} needs a whole number of starts of at least 1 and a positive duration
 * as for {@code throttle}: {@code rate=100/1m} is at most 100 job starts in any minute.
 * Options come after a capacity ({@code api:4:rate=10/1s}); the structured form sets a
 * rate without one.</li>
 * <li>{@code per-key} needs a whole number of at least 1: {@code per-key=1} lets at most
 * one job of each partition key be enqueued or started at once in the channel. A
 * sequential channel takes no {@code per-key}.</li>
 * <li>Each option may appear once per entry.</li>
 * </ul>
 * Every error is an {@link InvalidChannelConfigException} whose message names the entry
 * as written and what is wrong with it.
 */
public final class ChannelConfigParser {

	private static final Pattern ENTRY_SEPARATOR = Pattern.compile("[,\\r\\n]");

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");

	private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("([0-9]+)(ms|s|m|h)");

	private static final String SEQUENTIAL = "sequential";

	private static final String THROTTLE = "throttle";

	private static final String RATE = "rate";

	private static final String PER_KEY = "per-key";

	private static final List<String> KNOWN_OPTIONS = List.of(SEQUENTIAL, THROTTLE, RATE, PER_KEY);

	private static final String DURATION_EXAMPLES = "2, 500ms, 2s, 1m, 1h or PT2S";

	private ChannelConfigParser() {
	}

	/**
	 * Parse the compact form into channel configurations.
	 * @param compact the compact form, see the class documentation; may be {@code null}
	 * @return the channel configurations, in the order written
	 * @throws InvalidChannelConfigException if an entry is malformed, naming the entry
	 */
	public static List<ChannelConfig> parse(String compact) {
		if (compact == null) {
			return List.of();
		}
		List<ChannelConfig> configs = new ArrayList<>();
		for (String entry : ENTRY_SEPARATOR.split(compact)) {
			if (!entry.isBlank()) {
				configs.add(new EntryParser(entry.strip()).parse());
			}
		}
		return List.copyOf(configs);
	}

	/**
	 * Parse a rate alone, as the structured form sets it, for example {@code 100/1m}.
	 * @param rate the rate: a whole number of starts, a slash and a duration
	 * @return the rate limit
	 * @throws InvalidChannelConfigException if the rate is malformed, naming it
	 */
	public static RateLimit parseRate(String rate) {
		return new EntryParser(rate, "Invalid rate '" + rate + "': ").parseRate(rate);
	}

	/**
	 * Parses one entry, collecting its options.
	 */
	private static final class EntryParser {

		private final String entry;

		private final String subject;

		private final Set<String> seenOptions = new HashSet<>();

		private boolean sequential;

		private Duration throttle;

		private RateLimit rate;

		private Integer perKey;

		EntryParser(String entry) {
			this(entry, "Invalid channel entry '" + entry + "': ");
		}

		EntryParser(String entry, String subject) {
			this.entry = entry;
			this.subject = subject;
		}

		ChannelConfig parse() {
			String[] parts = this.entry.split(":", -1);
			String name = parts[0].strip();
			if (name.isEmpty()) {
				throw invalid("missing channel name");
			}
			Integer capacity = (parts.length > 1) ? parseCapacity(parts[1].strip()) : null;
			for (int i = 2; i < parts.length; i++) {
				parseOption(parts[i].strip());
			}
			try {
				return new ChannelConfig(name, capacity, this.sequential, this.throttle, this.rate, this.perKey);
			}
			catch (InvalidChannelConfigException ex) {
				throw invalid(ex.getMessage(), ex);
			}
		}

		private Integer parseCapacity(String capacity) {
			if (capacity.isEmpty()) {
				throw invalid("empty capacity (leave out the capacity and its ':' for an unlimited channel)");
			}
			if (WHOLE_NUMBER.matcher(capacity).matches()) {
				try {
					int value = Integer.parseInt(capacity);
					if (value >= 1) {
						return value;
					}
				}
				catch (NumberFormatException ex) {
					throw invalid("capacity '" + capacity + "' is too large", ex);
				}
			}
			String hint = isOption(capacity)
					? " (options come after the capacity, for example 'name:1:" + capacity + "')" : "";
			throw invalid("capacity must be a whole number of at least 1, got '" + capacity + "'" + hint);
		}

		private static boolean isOption(String text) {
			return KNOWN_OPTIONS.contains(text.split("=", 2)[0].strip());
		}

		private void parseOption(String option) {
			if (option.isEmpty()) {
				throw invalid("empty option");
			}
			String[] keyAndValue = option.split("=", -1);
			if (keyAndValue.length > 2) {
				throw invalid("incorrect option '" + option + "': expected 'key' or 'key=value'");
			}
			String key = keyAndValue[0].strip();
			String value = (keyAndValue.length == 2) ? keyAndValue[1].strip() : null;
			if (key.isEmpty()) {
				throw invalid("incorrect option '" + option + "': missing option name");
			}
			if (!KNOWN_OPTIONS.contains(key)) {
				throw invalid("unknown option '" + key + "' (known options: " + String.join(", ", KNOWN_OPTIONS) + ")");
			}
			if (!this.seenOptions.add(key)) {
				throw invalid("duplicate option '" + key + "'");
			}
			switch (key) {
				case SEQUENTIAL -> this.sequential = parseSequential(value);
				case THROTTLE -> this.throttle = parseThrottle(value);
				case RATE -> this.rate = parseRate(value);
				default -> this.perKey = parsePerKey(value);
			}
		}

		private Integer parsePerKey(String value) {
			if (value != null && WHOLE_NUMBER.matcher(value).matches()) {
				try {
					int jobs = Integer.parseInt(value);
					if (jobs >= 1) {
						return jobs;
					}
				}
				catch (NumberFormatException ex) {
					throw invalid("option 'per-key': " + value + " jobs is too many", ex);
				}
			}
			throw invalid("option 'per-key' needs a whole number of jobs of at least 1, for example 'per-key=1', got '"
					+ value + "'");
		}

		private boolean parseSequential(String value) {
			if (value == null) {
				return true;
			}
			String lowerCase = value.toLowerCase(Locale.ROOT);
			if (!lowerCase.equals("true") && !lowerCase.equals("false")) {
				throw invalid("option 'sequential' must be true or false, got '" + value + "'");
			}
			return Boolean.parseBoolean(lowerCase);
		}

		private Duration parseThrottle(String value) {
			if (value == null || value.isEmpty()) {
				throw invalid("option 'throttle' needs a value, for example 'throttle=2s'");
			}
			Duration duration = parseDuration(value);
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw invalid("option 'throttle' must be a positive duration such as " + DURATION_EXAMPLES + ", got '"
						+ value + "'");
			}
			return duration;
		}

		private RateLimit parseRate(String value) {
			String form = " in the form 'rate=<starts>/<duration>', for example 'rate=100/1m'";
			if (value == null || value.isEmpty()) {
				throw invalid("option 'rate' needs a value" + form);
			}
			String[] startsAndPeriod = value.split("/", -1);
			if (startsAndPeriod.length != 2) {
				throw invalid("option 'rate' must be" + form + ", got '" + value + "'");
			}
			String starts = startsAndPeriod[0].strip();
			String period = startsAndPeriod[1].strip();
			int count;
			try {
				count = WHOLE_NUMBER.matcher(starts).matches() ? Integer.parseInt(starts) : 0;
			}
			catch (NumberFormatException ex) {
				throw invalid("option 'rate': " + starts + " starts is too many", ex);
			}
			if (count < 1) {
				throw invalid("option 'rate' needs a whole number of starts of at least 1, got '" + starts + "'");
			}
			Duration duration = parseDuration(period);
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw invalid("option 'rate' needs a positive period such as " + DURATION_EXAMPLES + ", got '" + period
						+ "'");
			}
			return new RateLimit(count, duration);
		}

		private Duration parseDuration(String value) {
			try {
				if (WHOLE_NUMBER.matcher(value).matches()) {
					return Duration.ofSeconds(Long.parseLong(value));
				}
				Matcher withUnit = NUMBER_WITH_UNIT.matcher(value);
				if (withUnit.matches()) {
					long amount = Long.parseLong(withUnit.group(1));
					return switch (withUnit.group(2)) {
						case "ms" -> Duration.ofMillis(amount);
						case "s" -> Duration.ofSeconds(amount);
						case "m" -> Duration.ofMinutes(amount);
						default -> Duration.ofHours(amount);
					};
				}
				if (value.startsWith("P") || value.startsWith("p")) {
					return Duration.parse(value);
				}
				return null;
			}
			catch (NumberFormatException | ArithmeticException | DateTimeParseException ex) {
				return null;
			}
		}

		private InvalidChannelConfigException invalid(String problem) {
			return invalid(problem, null);
		}

		private InvalidChannelConfigException invalid(String problem, Throwable cause) {
			return new InvalidChannelConfigException(this.subject + problem, cause);
		}

	}

}
