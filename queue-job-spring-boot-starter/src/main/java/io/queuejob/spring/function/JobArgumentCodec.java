package io.queuejob.spring.function;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;

/**
 * Writes a job's arguments as a JSON array with the application's mapper, and reads them
 * back with the method's declared parameter types. No class names are stored. Internal.
 */
public final class JobArgumentCodec {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	/** The default for the size limit of a job's arguments: 1 MB of JSON in UTF-8. */
	public static final long DEFAULT_MAX_SIZE = 1024 * 1024;

	private final JsonMapper mapper;

	private final long maxSize;

	private final ObjectReader elementReader;

	/**
	 * Create a codec.
	 * @param mapper the application's JSON mapper
	 */
	public JobArgumentCodec(JsonMapper mapper) {
		this(mapper, DEFAULT_MAX_SIZE);
	}

	/**
	 * Create a codec with a limit on the size of a job's arguments.
	 * @param mapper the application's JSON mapper
	 * @param maxSize the most bytes a job's arguments may take as JSON in UTF-8
	 */
	public JobArgumentCodec(JsonMapper mapper, long maxSize) {
		this.mapper = mapper;
		this.maxSize = maxSize;
		this.elementReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/**
	 * Write the arguments of a call.
	 * @param method the job method
	 * @param args the arguments
	 * @return a JSON array
	 * @throws IllegalArgumentException naming the parameter when an argument cannot be
	 * written
	 */
	public String write(Method method, Object[] args) {
		StringJoiner array = new StringJoiner(",", "[", "]");
		for (int i = 0; i < args.length; i++) {
			try {
				array.add(this.mapper.writeValueAsString(args[i]));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(
						"Cannot store argument '" + parameterName(method, i) + "' (parameter " + (i + 1) + " of "
								+ describe(method) + ") as JSON: " + ex.getOriginalMessage(),
						ex);
			}
		}
		String json = array.toString();
		long size = utf8Size(json);
		if (size > this.maxSize) {
			throw new IllegalArgumentException("Arguments of " + describe(method) + " take " + size
					+ " bytes as JSON, more than queue-job.max-arguments-size (" + this.maxSize
					+ " bytes): store large data elsewhere and pass a reference to it");
		}
		return json;
	}

	/**
	 * The size of a text in UTF-8, counted only when it may exceed the limit: a character
	 * takes at most three bytes (four for a surrogate pair, two characters).
	 */
	private long utf8Size(String json) {
		if ((long) json.length() * 3 <= this.maxSize) {
			return json.length();
		}
		return json.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * The canonical form of written arguments, for hashing: object members sorted by
	 * name, no whitespace, numbers as written. Equal arguments give equal text whatever
	 * the order of their maps' entries.
	 * @param argumentsJson arguments as {@link #write written}
	 * @return the canonical JSON
	 */
	public String canonical(String argumentsJson) {
		try (JsonParser parser = this.mapper.createParser(argumentsJson)) {
			return CanonicalJson.of(parser);
		}
	}

	/**
	 * Read stored arguments.
	 * @param method the job method
	 * @param json the stored JSON array
	 * @return the arguments
	 * @throws IllegalArgumentException with a readable message when the JSON does not fit
	 * the method's parameters
	 */
	public Object[] read(Method method, String json) {
		Type[] types = method.getGenericParameterTypes();
		Object[] args = new Object[types.length];
		try (JsonParser parser = this.mapper.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw mismatch(method, types.length, json);
			}
			for (int i = 0; i < types.length; i++) {
				if (parser.nextToken() == JsonToken.END_ARRAY) {
					throw mismatch(method, types.length, json);
				}
				args[i] = readArgument(parser, method, i, types[i]);
			}
			if (parser.nextToken() != JsonToken.END_ARRAY) {
				throw mismatch(method, types.length, json);
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Stored arguments of " + describe(method) + " are not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		return args;
	}

	private Object readArgument(JsonParser parser, Method method, int index, Type type) {
		try {
			return this.elementReader.forType(this.mapper.constructType(type)).readValue(parser);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Cannot read argument '" + parameterName(method, index) + "' (parameter " + (index + 1) + " of "
							+ describe(method) + ") as " + type.getTypeName() + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	private static IllegalArgumentException mismatch(Method method, int count, String json) {
		return new IllegalArgumentException(
				"Stored arguments of " + describe(method) + " do not match its " + count + " parameter(s): " + json);
	}

	private static String parameterName(Method method, int index) {
		String[] names = parameterNames.getParameterNames(method);
		return (names != null) ? names[index] : "arg" + index;
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName();
	}

}
