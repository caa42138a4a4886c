package io.queuejob.spring.internal.function;

import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeResolverProvider;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The mapper that writes and reads job arguments: the application's, with its modules and
 * settings, but without polymorphic typing, whether default typing or
 * {@code @JsonTypeInfo}, so that a stored row never chooses a class to instantiate; and
 * refusing to write values that could never be job arguments ({@link UnstorableValues}).
 */
final class ArgumentMapper {

	private ArgumentMapper() {
	}

	/**
	 * Derive the mapper of job arguments from the application's.
	 * @param application the application's mapper
	 * @return a mapper of its own
	 */
	static JsonMapper derivedFrom(JsonMapper application) {
		return new Builder(application).build();
	}

	/**
	 * A builder from the application's mapper, to reach the type resolver provider: the
	 * one point through which both default typing and {@code @JsonTypeInfo} (on types,
	 * properties and mix-ins alike) take effect.
	 */
	private static final class Builder extends JsonMapper.Builder {

		Builder(JsonMapper application) {
			super(new JsonMapper.Builder.StateImpl(application.rebuild()));
			typeResolverProvider(new NoTypeResolvers());
			deactivateDefaultTyping();
			addModule(new SimpleModule("queue-job-arguments").setSerializerModifier(new UnstorableValues()));
		}

	}

	/**
	 * Finds no type serializer or deserializer for any type or property: values are
	 * written without type ids and read as their declared type.
	 */
	private static final class NoTypeResolvers extends TypeResolverProvider {

		private static final long serialVersionUID = 1L;

		@Override
		public TypeSerializer findTypeSerializer(SerializationContext context, JavaType baseType,
				AnnotatedClass classInfo) {
			return null;
		}

		@Override
		public TypeDeserializer findTypeDeserializer(DeserializationContext context, JavaType baseType,
				AnnotatedClass classInfo) {
			return null;
		}

		@Override
		public TypeSerializer findPropertyTypeSerializer(SerializationContext context, AnnotatedMember accessor,
				JavaType baseType) {
			return null;
		}

		@Override
		public TypeDeserializer findPropertyTypeDeserializer(DeserializationContext context, AnnotatedMember accessor,
				JavaType baseType) {
			return null;
		}

		@Override
		public TypeSerializer findPropertyContentTypeSerializer(SerializationContext context, AnnotatedMember accessor,
				JavaType containerType) {
			return null;
		}

		@Override
		public TypeDeserializer findPropertyContentTypeDeserializer(DeserializationContext context,
				AnnotatedMember accessor, JavaType containerType) {
			return null;
		}

	}

}
