package io.queuejob.spring.internal.operations;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's {@code result} column as JSON. A value a job method returned is stored as JSON
 * and returned as it is; the other outcomes are texts (the message of a
 * {@code NothingToDoJob}, "Manually set to done", why a job was retried, handed back or
 * cancelled), also in rows written before results were JSON, and are returned as JSON
 * strings. A text that happens to be valid JSON (such as {@code 42}) reads as that JSON.
 */
final class StoredResult {

	private static final JsonMapper mapper = JsonMapper.shared();

	private StoredResult() {
	}

	/**
	 * The stored result as JSON.
	 * @param stored the column's text, or {@code null}
	 * @return its JSON, or {@code null} when there is no result
	 */
	static String json(String stored) {
		if (stored == null) {
			return null;
		}
		return isJson(stored) ? stored : mapper.writeValueAsString(stored);
	}

	private static boolean isJson(String text) {
		try (JsonParser parser = mapper.createParser(text)) {
			if (parser.nextToken() == null) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
