package io.queuejob.spring.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Counts the application contexts that {@code SpringApplication} prepares in this JVM
 * (every {@code @SpringBootTest} context and every application a test starts itself) and
 * the test databases created, and at exit prints the totals and appends them to
 * {@code target/test-contexts.txt}, to see what the test suite costs.
 */
public class ContextCounter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final AtomicInteger contexts = new AtomicInteger();

	private static final AtomicInteger databases = new AtomicInteger();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ContextCounter::report, "queue-job-test-context-count"));
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		contexts.incrementAndGet();
	}

	static void databaseCreated() {
		databases.incrementAndGet();
	}

	private static void report() {
		String line = "queue-job tests (" + ProcessHandle.current().pid() + " " + System.getProperty("sun.java.command")
				+ "): " + contexts.get() + " Spring application contexts, " + databases.get()
				+ " test databases created";
		System.err.println(line);
		Path target = Path.of("target");
		if (Files.isDirectory(target)) {
			try {
				Files.writeString(target.resolve("test-contexts.txt"), line + System.lineSeparator(),
						StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				// the count is informative only
			}
		}
	}

}
