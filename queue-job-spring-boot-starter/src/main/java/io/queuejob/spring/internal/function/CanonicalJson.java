package io.queuejob.spring.internal.function;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
		return of(parser, false);
	}

	/**
	 * Read one JSON value and write it canonically, with the elements of each array
	 * sorted too: the same text for values that differ only in the order of a set's
	 * elements.
	 * @param parser a parser positioned before the value
	 * @return the canonical text, arrays in no particular order
	 */
	static String unordered(JsonParser parser) {
		return of(parser, true);
	}

	private static String of(JsonParser parser, boolean sortArrays) {
		StringBuilder out = new StringBuilder();
		write(parser, parser.nextToken(), out, sortArrays);
		if (parser.nextToken() != null) {
			throw new IllegalArgumentException("Trailing content after the JSON value");
		}
		return out.toString();
	}

	private static void write(JsonParser parser, JsonToken token, StringBuilder out, boolean sortArrays) {
		if (token == null) {
			throw new IllegalArgumentException("Unexpected end of JSON");
		}
		switch (token) {
			case START_OBJECT -> writeObject(parser, out, sortArrays);
			case START_ARRAY -> writeArray(parser, out, sortArrays);
			case VALUE_STRING -> quote(parser.getString(), out);
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getString());
			case VALUE_TRUE -> out.append("true");
			case VALUE_FALSE -> out.append("false");
			case VALUE_NULL -> out.append("null");
			default -> throw new IllegalArgumentException("Unexpected JSON token " + token);
		}
	}

	private static void writeObject(JsonParser parser, StringBuilder out, boolean sortArrays) {
		Map<String, String> members = new TreeMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			StringBuilder value = new StringBuilder();
			write(parser, parser.nextToken(), value, sortArrays);
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

	private static void writeArray(JsonParser parser, StringBuilder out, boolean sortArrays) {
		if (sortArrays) {
			writeSortedArray(parser, out);
			return;
		}
		out.append('[');
		JsonToken token = parser.nextToken();
		boolean first = true;
		while (token != JsonToken.END_ARRAY) {
			if (!first) {
				out.append(',');
			}
			first = false;
			write(parser, token, out, false);
			token = parser.nextToken();
		}
		out.append(']');
	}

	private static void writeSortedArray(JsonParser parser, StringBuilder out) {
		List<String> elements = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			StringBuilder element = new StringBuilder();
			write(parser, token, element, true);
			elements.add(element.toString());
		}
		Collections.sort(elements);
		out.append('[').append(String.join(",", elements)).append(']');
	}

	private static void quote(String text, StringBuilder out) {
		out.append('"');
		encoder.quoteAsString(text, out);
		out.append('"');
	}

}
