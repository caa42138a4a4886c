package io.queuejob.spring.function;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Rewrites JSON in a canonical form: object members sorted by name, no whitespace,
 * strings escaped the same way, numbers exactly as written. Two JSON texts that differ
 * only in member order or layout give the same canonical text.
 */
final class CanonicalJson {

	private static final JsonStringEncoder encoder = JsonStringEncoder.getInstance();

	private CanonicalJson() {
	}

	/**
	 * Read one JSON value and write it canonically.
	 * @param parser a parser positioned before the value
	 * @return the canonical text
	 */
	static String of(JsonParser parser) {
		StringBuilder out = new StringBuilder();
		write(parser, parser.nextToken(), out);
		if (parser.nextToken() != null) {
			throw new IllegalArgumentException("Trailing content after the JSON value");
		}
		return out.toString();
	}

	private static void write(JsonParser parser, JsonToken token, StringBuilder out) {
		if (token == null) {
			throw new IllegalArgumentException("Unexpected end of JSON");
		}
		switch (token) {
			case START_OBJECT -> writeObject(parser, out);
			case START_ARRAY -> writeArray(parser, out);
			case VALUE_STRING -> quote(parser.getString(), out);
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getString());
			case VALUE_TRUE -> out.append("true");
			case VALUE_FALSE -> out.append("false");
			case VALUE_NULL -> out.append("null");
			default -> throw new IllegalArgumentException("Unexpected JSON token " + token);
		}
	}

	private static void writeObject(JsonParser parser, StringBuilder out) {
		Map<String, String> members = new TreeMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			StringBuilder value = new StringBuilder();
			write(parser, parser.nextToken(), value);
			members.put(name, value.toString());
		}
		out.append('{');
		boolean first = true;
		for (Map.Entry<String, String> member : members.entrySet()) {
			if (!first) {
				out.append(',');
			}
			first = false;
			quote(member.getKey(), out);
			out.append(':').append(member.getValue());
		}
		out.append('}');
	}

	private static void writeArray(JsonParser parser, StringBuilder out) {
		out.append('[');
		JsonToken token = parser.nextToken();
		boolean first = true;
		while (token != JsonToken.END_ARRAY) {
			if (!first) {
				out.append(',');
			}
			first = false;
			write(parser, token, out);
			token = parser.nextToken();
		}
		out.append(']');
	}

	private static void quote(String text, StringBuilder out) {
		out.append('"');
		encoder.quoteAsString(text, out);
		out.append('"');
	}

}
