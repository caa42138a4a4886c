package io.queuejob.spring.internal.function;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.impl.UnknownSerializer;
import tools.jackson.databind.ser.std.ToEmptyObjectSerializer;

/**
 * Refuses to write values that could never be job arguments, wherever they are in an
 * argument (a property, an element, an {@code Optional}): what exists in this process
 * only (threads, class loaders, and every {@link AutoCloseable}, such as streams,
 * readers, connections, channels and sockets), lambdas, and objects without properties,
 * which would be written as {@code {}} and read back as a new, empty object.
 */
final class UnstorableValues extends ValueSerializerModifier {

	private static final long serialVersionUID = 1L;

	private static final String LIVES_HERE = ", which exists in this process only, while a job runs later, maybe on "
			+ "another node";

	@Override
	public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier description,
			ValueSerializer<?> serializer) {
		String reason = reason(description.getBeanClass(), serializer);
		return (reason != null) ? new Refusal(reason) : serializer;
	}

	private static String reason(Class<?> type, ValueSerializer<?> serializer) {
		String name = type.getName();
		if (Thread.class.isAssignableFrom(type) || ThreadGroup.class.isAssignableFrom(type)) {
			return name + " is a thread" + LIVES_HERE;
		}
		if (ClassLoader.class.isAssignableFrom(type)) {
			return name + " is a class loader" + LIVES_HERE;
		}
		if (AutoCloseable.class.isAssignableFrom(type)) {
			return name + " is a resource (AutoCloseable: a stream, reader, connection, channel…)" + LIVES_HERE
					+ "; pass what names it instead (a path, a URL, an id)";
		}
		if (type.isHidden() || type.isSynthetic()) {
			return name + " is a lambda or method reference, which cannot be stored";
		}
		if (serializer instanceof UnknownSerializer || serializer instanceof ToEmptyObjectSerializer) {
			return name + " has no properties: it would be stored as {} and read back as a new, empty object";
		}
		return null;
	}

	/**
	 * Fails the writing of a value, with the reason.
	 */
	private static final class Refusal extends ValueSerializer<Object> {

		private final String reason;

		Refusal(String reason) {
			this.reason = reason;
		}

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			context.reportBadDefinition(value.getClass(), this.reason, null);
		}

	}

}
