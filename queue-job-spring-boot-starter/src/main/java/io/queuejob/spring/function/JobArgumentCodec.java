package io.queuejob.spring.function;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;

/**
 * Writes a job's arguments as a JSON array with the application's mapper, and reads them
 * back with the method's declared parameter types. No class names are stored. Internal.
 */
public final class JobArgumentCodec {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final JsonMapper mapper;

	/**
	 * Create a codec.
	 * @param mapper the application's JSON mapper
	 */
	public JobArgumentCodec(JsonMapper mapper) {
		this.mapper = mapper;
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
		ArrayNode array = this.mapper.createArrayNode();
		for (int i = 0; i < args.length; i++) {
			try {
				array.add(this.mapper.valueToTree(args[i]));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Cannot store argument '" + parameterName(method, i) + "' (parameter "
						+ (i + 1) + " of " + describe(method) + ") as JSON: " + ex.getOriginalMessage(), ex);
			}
		}
		return this.mapper.writeValueAsString(array);
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
		JsonNode array;
		try {
			array = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Stored arguments of " + describe(method) + " are not JSON: "
					+ ex.getOriginalMessage(), ex);
		}
		Type[] types = method.getGenericParameterTypes();
		if (array == null || !array.isArray() || array.size() != types.length) {
			throw new IllegalArgumentException("Stored arguments of " + describe(method) + " do not match its "
					+ types.length + " parameter(s): " + json);
		}
		Object[] args = new Object[types.length];
		for (int i = 0; i < types.length; i++) {
			try {
				args[i] = this.mapper.treeToValue(array.get(i), this.mapper.constructType(types[i]));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Cannot read argument '" + parameterName(method, i) + "' (parameter "
						+ (i + 1) + " of " + describe(method) + ") from " + array.get(i) + ": "
						+ ex.getOriginalMessage(), ex);
			}
		}
		return args;
	}

	private static String parameterName(Method method, int index) {
		String[] names = parameterNames.getParameterNames(method);
		return (names != null) ? names[index] : "arg" + index;
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName();
	}

}
