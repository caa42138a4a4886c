package io.queuejob.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata this module's build generated (from
 * {@link QueueJobProperties} and {@code additional-spring-configuration-metadata.json}),
 * as IDEs read it.
 */
final class ConfigurationMetadata {

	private ConfigurationMetadata() {
	}

	/**
	 * The whole file: its groups, properties and hints.
	 * @return the file's JSON
	 */
	static JsonNode read() {
		// The file of this module's classes, not one of another jar
		try {
			URI classes = QueueJobProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI();
			try (InputStream in = classes.resolve("META-INF/spring-configuration-metadata.json").toURL().openStream()) {
				return JsonMapper.builder().build().readTree(in);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The properties by name.
	 * @return the properties
	 */
	static Map<String, JsonNode> properties() {
		return byName("properties");
	}

	/**
	 * The hints by name.
	 * @return the hints
	 */
	static Map<String, JsonNode> hints() {
		return byName("hints");
	}

	private static Map<String, JsonNode> byName(String section) {
		Map<String, JsonNode> items = new LinkedHashMap<>();
		read().path(section).forEach((item) -> items.put(item.get("name").asString(), item));
		return items;
	}

}
