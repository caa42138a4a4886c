package io.queuejob.spring.internal.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@link CrashNode} in a JVM of its own, whose output is collected so that a test can
 * wait for its lines, and which can be frozen, resumed and killed by signals.
 */
final class NodeProcess implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new ArrayList<>();

	private NodeProcess(Process process) {
		this.process = process;
		Thread reader = new Thread(this::read, "node-process-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a node.
	 * @param properties its Spring properties, {@code name=value}
	 * @return the node
	 * @throws IOException if the JVM cannot be started
	 */
	static NodeProcess start(List<String> properties) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(CrashNode.class.getName());
		properties.forEach((property) -> command.add("--" + property));
		return new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/**
	 * Wait until the node printed a line that contains a text.
	 * @param text the text
	 * @param timeout how long to wait at most
	 */
	void awaitLine(String text, Duration timeout) {
		await().atMost(timeout).until(() -> {
			synchronized (this.lines) {
				if (this.lines.stream().anyMatch((line) -> line.contains(text))) {
					return true;
				}
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The node ended before printing " + text + ":\n" + tail());
			}
			return false;
		});
	}

	/**
	 * Send a signal to the node's JVM, such as {@code STOP} or {@code CONT}.
	 * @param signal the signal's name
	 * @throws Exception if {@code kill} fails
	 */
	void signal(String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).inheritIO().start();
		if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -" + signal + " failed");
		}
	}

	/**
	 * Kill the node's JVM with {@code kill -9} and wait for it to end.
	 * @return whether it ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean kill() throws InterruptedException {
		this.process.destroyForcibly();
		return this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private String tail() {
		synchronized (this.lines) {
			return String.join("\n", this.lines.subList(Math.max(0, this.lines.size() - 40), this.lines.size()));
		}
	}

	private void read() {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				synchronized (this.lines) {
					this.lines.add(line);
				}
			}
		}
		catch (IOException ex) {
			// the node ended
		}
	}

}
