package io.queuejob.spring.internal.function;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A template over a job's stored arguments, such as {@code /orders/{0}} or
 * {@code /customers/{1.customer.id}}: {@code {N}} is argument N (from 0), and each
 * {@code .name} after it a property of that argument's JSON (or an element, for a number
 * on an array).
 */
final class RelatedLinkTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("(\\d+)((?:\\.[^.{}\\s]+)*)");

	private final String source;

	private final List<Object> parts;

	private RelatedLinkTemplate(String source, List<Object> parts) {
		this.source = source;
		this.parts = parts;
	}

	/**
	 * Parse a template.
	 * @param source the template
	 * @param parameterCount how many parameters the job method has
	 * @return the template
	 * @throws IllegalArgumentException saying what is wrong
	 */
	static RelatedLinkTemplate parse(String source, int parameterCount) {
		if (source.isBlank()) {
			throw new IllegalArgumentException("the template is empty");
		}
		List<Object> parts = new ArrayList<>();
		int at = 0;
		while (at < source.length()) {
			int open = source.indexOf('{', at);
			int close = source.indexOf('}', at);
			if (close >= 0 && (open < 0 || close < open)) {
				throw new IllegalArgumentException("'}' at position " + close + " closes no '{'");
			}
			if (open < 0) {
				parts.add(source.substring(at));
				break;
			}
			if (open > at) {
				parts.add(source.substring(at, open));
			}
			if (close < 0) {
				throw new IllegalArgumentException("'{' at position " + open + " is not closed");
			}
			parts.add(placeholder(source.substring(open + 1, close), parameterCount));
			at = close + 1;
		}
		return new RelatedLinkTemplate(source, List.copyOf(parts));
	}

	private static Placeholder placeholder(String text, int parameterCount) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'{" + text
					+ "}' is not a placeholder; write {N} for argument N (from 0) or {N.property} for a property of it");
		}
		int index = Integer.parseInt(matcher.group(1));
		if (index >= parameterCount) {
			throw new IllegalArgumentException("'{" + text + "}' refers to argument " + index + " but the method has "
					+ parameterCount + " parameter" + ((parameterCount != 1) ? "s" : ""));
		}
		String path = matcher.group(2);
		List<String> properties = path.isEmpty() ? List.of() : List.of(path.substring(1).split("\\."));
		return new Placeholder(index, properties);
	}

	/**
	 * Fill the template in.
	 * @param arguments the stored arguments, a JSON array
	 * @param encode whether to URL-encode the values
	 * @return the text, or {@code null} if a value is missing, {@code null}, an object or
	 * an array
	 */
	String expand(JsonNode arguments, boolean encode) {
		StringBuilder text = new StringBuilder();
		for (Object part : this.parts) {
			if (part instanceof Placeholder placeholder) {
				String value = placeholder.valueIn(arguments);
				if (value == null) {
					return null;
				}
				text.append(encode ? encode(value) : value);
			}
			else {
				text.append((String) part);
			}
		}
		return text.toString();
	}

	/**
	 * Encode a value for any part of a URL: everything but letters, digits and
	 * {@code . - _ *} is percent-encoded, a space as {@code %20}.
	 */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public String toString() {
		return this.source;
	}

	private record Placeholder(int index, List<String> properties) {

		String valueIn(JsonNode arguments) {
			JsonNode node = (arguments != null && arguments.isArray()) ? arguments.get(this.index) : null;
			for (String property : this.properties) {
				if (node == null) {
					return null;
				}
				node = node.isArray() ? element(node, property) : node.get(property);
			}
			return (node != null && node.isValueNode() && !node.isNull()) ? node.asString() : null;
		}

		private static JsonNode element(JsonNode array, String property) {
			try {
				return array.get(Integer.parseInt(property));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
