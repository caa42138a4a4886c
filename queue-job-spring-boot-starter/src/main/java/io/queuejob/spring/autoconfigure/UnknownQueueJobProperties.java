package io.queuejob.spring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.origin.Origin;

/**
 * Says which {@code queue-job} properties bound nothing, where they come from, and the
 * valid name each one probably meant: the nearest by edit distance, or the bracketed form
 * of a dotted channel or function name.
 */
final class UnknownQueueJobProperties {

	private static final String PREFIX = "queue-job";

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

	/** Entry maps, by their element after the prefix. */
	private static final Map<String, Class<?>> ENTRY_MAPS = Map.of("channel", QueueJobProperties.Channel.class,
			"functions", QueueJobProperties.Function.class, "schedules", QueueJobProperties.Schedule.class);

	private static final int MAX_DISTANCE = 3;

	private static final List<String> NAMES = names(PREFIX, QueueJobProperties.class);

	private UnknownQueueJobProperties() {
	}

	/**
	 * Whether a property is a queue-job one.
	 * @param property the property
	 * @return whether its name is under {@code queue-job}
	 */
	static boolean isQueueJob(ConfigurationProperty property) {
		return ROOT.isAncestorOf(property.getName());
	}

	/**
	 * What is wrong: each unknown property, its origin and its likely meaning.
	 * @param properties the unknown properties
	 * @return the description
	 */
	static String describe(Collection<ConfigurationProperty> properties) {
		return properties.stream()
			.sorted(Comparator.comparing(ConfigurationProperty::getName))
			.map(UnknownQueueJobProperties::describe)
			.collect(Collectors.joining("\n", "Unknown queue-job properties, which would be ignored:\n", ""));
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	static String action() {
		return "Correct or remove them. Names with dots under queue-job.channel and queue-job.functions go in"
				+ " brackets, for example queue-job.functions.[orderService.confirm].priority; the properties are"
				+ " listed in the README's Properties table.";
	}

	private static String describe(ConfigurationProperty property) {
		StringBuilder line = new StringBuilder("    ").append(property.getName());
		Origin origin = property.getOrigin();
		if (origin != null) {
			line.append(" (from ").append(origin).append(')');
		}
		String meant = meant(property.getName());
		if (meant != null) {
			line.append(": did you mean ").append(meant).append('?');
		}
		return line.toString();
	}

	/**
	 * The valid name an unknown one probably meant, or {@code null}.
	 */
	private static String meant(ConfigurationPropertyName name) {
		Class<?> entryType = (name.getNumberOfElements() > 3) ? ENTRY_MAPS.get(name.getElement(1, Form.ORIGINAL))
				: null;
		if (entryType == null) {
			return nearest(name.toString(), NAMES);
		}
		int last = name.getNumberOfElements() - 1;
		String key = dotted(name, 2, last);
		String entry = PREFIX + "." + name.getElement(1, Form.ORIGINAL) + "."
				+ (key.contains(".") ? "[" + key + "]" : key) + ".";
		String property = name.getElement(last, Form.DASHED);
		String known = nearest(property, names("", entryType));
		if (last > 3) {
			// a dotted name without brackets
			return entry + ((known != null) ? known : property);
		}
		return (known != null) ? entry + known : null;
	}

	private static String dotted(ConfigurationPropertyName name, int from, int to) {
		List<String> elements = new ArrayList<>();
		for (int i = from; i < to; i++) {
			elements.add(name.getElement(i, Form.ORIGINAL));
		}
		return String.join(".", elements);
	}

	/**
	 * The candidate nearest to a name, if near enough and not the name itself.
	 */
	private static String nearest(String name, List<String> candidates) {
		String best = null;
		int bestDistance = MAX_DISTANCE + 1;
		for (String candidate : candidates) {
			int distance = distance(name, candidate);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (bestDistance > 0) ? best : null;
	}

	/**
	 * The property names of a properties class, nested classes followed; a map is one
	 * name.
	 */
	private static List<String> names(String prefix, Class<?> type) {
		List<String> names = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = (prefix.isEmpty() ? "" : prefix + ".")
					+ DataObjectPropertyName.toDashedForm(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			if (propertyType.getDeclaringClass() == QueueJobProperties.class) {
				names.addAll(names(name, propertyType));
			}
			else {
				names.add(name);
			}
		}
		return List.copyOf(names);
	}

	/**
	 * The Levenshtein distance of two names.
	 */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
