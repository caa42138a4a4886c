package io.queuejob.spring.autoconfigure;

import java.util.Map;

import io.queuejob.spring.InvalidQueueJobPropertyException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.Environment;

/**
 * Binds a map of queue-job properties whose keys are names that may hold dots (channels,
 * job functions), strictly. A dotted key written without brackets
 * ({@code queue-job.channel.root.mail.capacity}) binds nothing: the binder takes
 * {@code root} as the key, finds no {@code mail.capacity} property, and drops the entry.
 * Here any property left unbound stops start-up, naming it.
 */
final class NamedEntriesBinder {

	private NamedEntriesBinder() {
	}

	/**
	 * Bind the map under a prefix.
	 * @param environment the environment
	 * @param prefix the map's property name
	 * @param valueType the type of the entries
	 * @return the entries by name
	 * @throws InvalidQueueJobPropertyException naming the properties left unbound
	 */
	static <V> Map<String, V> bind(Environment environment, String prefix, Class<V> valueType) {
		try {
			return Binder.get(environment)
				.bind(prefix, Bindable.mapOf(String.class, valueType),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
				.orElse(Map.of());
		}
		catch (BindException ex) {
			if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
				throw new InvalidQueueJobPropertyException(prefix,
						UnknownQueueJobProperties.describe(unbound.getUnboundProperties()),
						UnknownQueueJobProperties.action(), ex);
			}
			throw ex;
		}
	}

}
