package io.queuejob.spring.internal.observation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's stored trace context: the propagation headers the tracing propagator wrote, one
 * {@code name=value} per line.
 */
final class TraceCarrier {

	private TraceCarrier() {
	}

	/**
	 * The headers as stored text.
	 * @param headers the headers
	 * @param maxLength the most characters stored
	 * @return the text, or {@code null} when there is no header or they are too long
	 */
	static String write(Map<String, String> headers, int maxLength) {
		if (headers.isEmpty()) {
			return null;
		}
		StringBuilder text = new StringBuilder();
		headers.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
		return (text.length() <= maxLength) ? text.toString() : null;
	}

	/**
	 * The headers of stored text.
	 * @param text the text, or {@code null}
	 * @return the headers, empty for none
	 */
	static Map<String, String> read(String text) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (text != null) {
			for (String line : text.split("\n")) {
				int equals = line.indexOf('=');
				if (equals > 0) {
					headers.put(line.substring(0, equals), line.substring(equals + 1));
				}
			}
		}
		return headers;
	}

}
