package io.queuejob.spring.internal.function;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.ClassUtils;

/**
 * Writes a job's arguments as a JSON array, and reads them back with the method's
 * declared parameter types. No class names are stored, and none is read: the mapper is
 * the application's without polymorphic typing ({@link ArgumentMapper}).
 * <p>
 * Writing checks that each argument can be run: it must be written, and read back as the
 * parameter's type to the same JSON (object members and array elements in any order), so
 * that a call that could never run fails at once instead of in a worker. Internal.
 */
public final class JobArgumentCodec {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	/** The default for the size limit of a job's arguments: 1 MB of JSON in UTF-8. */
	public static final long DEFAULT_MAX_SIZE = 1024 * 1024;

	/**
	 * The types whose every value comes back as written once one has: JSON scalars of
	 * bounded size that Jackson reads back as the same value (not big numbers, which
	 * Jackson refuses to read beyond a number of digits, nor a non-finite floating point
	 * number, written as text or not at all depending on the mapper). The round trip of a
	 * parameter of these types is checked once, then skipped, so that bulk enqueues of
	 * ids and names stay fast.
	 */
	private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Integer.class, Long.class,
			Short.class, Byte.class, Double.class, Float.class, UUID.class);

	private static final int MAX_SHOWN = 200;

	private final JsonMapper mapper;

	private final long maxSize;

	private final ObjectReader elementReader;

	private final Map<Method, Parameter[]> parameters = new ConcurrentHashMap<>();

	/**
	 * Create a codec.
	 * @param mapper the application's JSON mapper, whose modules and settings are kept,
	 * but not its polymorphic typing
	 */
	public JobArgumentCodec(JsonMapper mapper) {
		this(mapper, DEFAULT_MAX_SIZE);
	}

	/**
	 * Create a codec with a limit on the size of a job's arguments.
	 * @param mapper the application's JSON mapper, whose modules and settings are kept,
	 * but not its polymorphic typing
	 * @param maxSize the most bytes a job's arguments may take as JSON in UTF-8
	 */
	public JobArgumentCodec(JsonMapper mapper, long maxSize) {
		this.mapper = ArgumentMapper.derivedFrom(mapper);
		this.maxSize = maxSize;
		this.elementReader = this.mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/**
	 * Write the arguments of a call, checking that each one is read back as its
	 * parameter's type to the same JSON.
	 * @param method the job method
	 * @param args the arguments
	 * @return a JSON array
	 * @throws IllegalArgumentException naming the parameter, its type and the reason when
	 * an argument cannot be written or does not come back as passed, or when the
	 * arguments are larger than the limit
	 */
	public String write(Method method, Object[] args) {
		Parameter[] parameters = parametersOf(method);
		StringJoiner array = new StringJoiner(",", "[", "]");
		for (int i = 0; i < args.length; i++) {
			array.add(parameters[i].write(args[i]));
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
		Parameter[] parameters = parametersOf(method);
		Object[] args = new Object[parameters.length];
		try (JsonParser parser = this.mapper.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw mismatch(method, parameters.length, json);
			}
			for (int i = 0; i < parameters.length; i++) {
				if (parser.nextToken() == JsonToken.END_ARRAY) {
					throw mismatch(method, parameters.length, json);
				}
				args[i] = parameters[i].read(parser);
			}
			if (parser.nextToken() != JsonToken.END_ARRAY) {
				throw mismatch(method, parameters.length, json);
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Stored arguments of " + describe(method) + " are not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		return args;
	}

	/**
	 * The mapper that writes the arguments, to write results alike.
	 */
	JsonMapper mapper() {
		return this.mapper;
	}

	private Parameter[] parametersOf(Method method) {
		return this.parameters.computeIfAbsent(method, (key) -> {
			Type[] types = key.getGenericParameterTypes();
			Parameter[] created = new Parameter[types.length];
			for (int i = 0; i < types.length; i++) {
				created[i] = new Parameter(key, i, types[i]);
			}
			return created;
		});
	}

	private static IllegalArgumentException mismatch(Method method, int count, String json) {
		return new IllegalArgumentException(
				"Stored arguments of " + describe(method) + " do not match its " + count + " parameter(s): " + json);
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName();
	}

	/**
	 * Where in an argument Jackson failed: {@code lines[2].thread}, or empty at the top.
	 */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String shown(String json) {
		return (json.length() <= MAX_SHOWN) ? json : json.substring(0, MAX_SHOWN) + "…";
	}

	/**
	 * Whether a JSON text holds the escape of U+0000, which PostgreSQL refuses in
	 * {@code jsonb}: a {@code \u0000} preceded by an even number of backslashes.
	 */
	private static boolean holdsNul(String json) {
		for (int at = json.indexOf("\\u0000"); at >= 0; at = json.indexOf("\\u0000", at + 1)) {
			int backslashes = 0;
			while (at - backslashes - 1 >= 0 && json.charAt(at - backslashes - 1) == '\\') {
				backslashes++;
			}
			if (backslashes % 2 == 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A parameter of a job method: its reader, and whether its round trip is known to be
	 * exact.
	 */
	private final class Parameter {

		private final Method method;

		private final int index;

		private final Type declared;

		private final JavaType type;

		private final ObjectReader reader;

		private final boolean scalar;

		private volatile boolean verified;

		Parameter(Method method, int index, Type type) {
			this.method = method;
			this.index = index;
			this.declared = type;
			this.type = JobArgumentCodec.this.mapper.constructType(type);
			this.reader = JobArgumentCodec.this.elementReader.forType(this.type);
			this.scalar = SCALARS.contains(ClassUtils.resolvePrimitiveIfNecessary(this.type.getRawClass()));
		}

		Object read(JsonParser parser) {
			try {
				return this.reader.readValue(parser);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(
						"Cannot read argument " + this + " as " + typeName() + ": " + ex.getOriginalMessage(), ex);
			}
		}

		String write(Object value) {
			if (value == null) {
				return "null";
			}
			String json;
			try {
				json = JobArgumentCodec.this.mapper.writeValueAsString(value);
			}
			catch (JacksonException ex) {
				String at = path(ex);
				throw new IllegalArgumentException("Cannot store argument " + this + " as " + typeName() + ": "
						+ (at.isEmpty() ? "" : "at " + at + ", ") + ex.getOriginalMessage()
						+ ". Pass values that JSON holds: ids (an entity by its id), texts, numbers, records, "
						+ "collections, java.time values", ex);
			}
			if (holdsNul(json)) {
				throw new IllegalArgumentException("Cannot store argument " + this + " as " + typeName()
						+ ": it holds the character U+0000, which PostgreSQL does not store in JSON");
			}
			// Every value of a scalar parameter has the parameter's own (final) type
			if (!(this.scalar && this.verified && isFinite(value))) {
				checkRoundTrip(value, json);
				this.verified = this.scalar;
			}
			return json;
		}

		private static boolean isFinite(Object value) {
			if (value instanceof Double number) {
				return Double.isFinite(number);
			}
			return !(value instanceof Float number) || Float.isFinite(number);
		}

		private void checkRoundTrip(Object value, String json) {
			String again;
			try {
				again = JobArgumentCodec.this.mapper.writeValueAsString(this.reader.readValue(json));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Argument " + this + " cannot be read back as " + typeName() + ": "
						+ ex.getOriginalMessage() + otherClass(value), ex);
			}
			if (!json.equals(again) && !unordered(json).equals(unordered(again))) {
				throw new IllegalArgumentException("Argument " + this + " does not come back as passed: stored as "
						+ shown(json) + ", it is read back as " + typeName() + " and written " + shown(again)
						+ otherClass(value)
						+ ". Pass a value of the parameter's type whose properties Jackson both writes and reads");
			}
		}

		private String unordered(String json) {
			try (JsonParser parser = JobArgumentCodec.this.mapper.createParser(json)) {
				return CanonicalJson.unordered(parser);
			}
		}

		private String otherClass(Object value) {
			return (value.getClass() == ClassUtils.resolvePrimitiveIfNecessary(this.type.getRawClass())) ? ""
					: " (the value is a " + value.getClass().getName()
							+ "; a job gets its parameter's declared type, as no class names are stored)";
		}

		private String typeName() {
			return this.declared.getTypeName();
		}

		@Override
		public String toString() {
			String[] names = parameterNames.getParameterNames(this.method);
			String name = (names != null) ? names[this.index] : "arg" + this.index;
			return "'" + name + "' (parameter " + (this.index + 1) + " of " + describe(this.method) + ")";
		}

	}

}
