package io.queuejob.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts benchmark nodes: Spring Boot applications with the starter, on a database.
 */
final class Node {

	/** Worker threads per node, as in the yardstick. */
	static final int THREADS = 8;

	/** Pooled connections per node, as in the yardstick. */
	static final int POOL = 16;

	private Node() {
	}

	/** The settings every node gets. */
	static Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.hikari.maximum-pool-size", POOL);
		settings.put("spring.datasource.hikari.minimum-idle", POOL);
		settings.put("queue-job.worker.threads", THREADS);
		settings.put("spring.flyway.enabled", false);
		settings.put("spring.jpa.open-in-view", false);
		settings.put("spring.main.banner-mode", "off");
		settings.put("spring.main.log-startup-info", false);
		settings.put("logging.level.root", "WARN");
		return settings;
	}

	/** A node with a runner, workers and a listener. */
	static ConfigurableApplicationContext worker(Database database, Map<String, Object> extra) {
		return worker(database.properties(), extra);
	}

	/**
	 * A node with a runner, workers and a listener, on a database given by its
	 * properties.
	 */
	static ConfigurableApplicationContext worker(Map<String, Object> database, Map<String, Object> extra) {
		Map<String, Object> properties = settings();
		properties.putAll(database);
		properties.putAll(extra);
		return start(properties);
	}

	/** A node that only enqueues: no runner, no workers, no listener. */
	static ConfigurableApplicationContext enqueuer(Database database) {
		return enqueuer(database.properties());
	}

	static ConfigurableApplicationContext enqueuer(Map<String, Object> database) {
		Map<String, Object> properties = settings();
		properties.putAll(database);
		properties.put("queue-job.runner.enabled", false);
		properties.put("queue-job.worker.enabled", false);
		properties.put("queue-job.listener.enabled", false);
		return start(properties);
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return new SpringApplicationBuilder(BenchApp.class).properties(properties).run();
	}

}
