package io.queuejob.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.queuejob.spring.internal.operations.NodeRegistry;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker node in a JVM of its own (W5). Its {@code main} starts one node (runner,
 * workers, listener, {@link Node#settings() the bench's settings}) on the database given
 * and answers its parent on standard input and output, one line each way:
 * <ul>
 * <li>it prints {@code @@ READY <node name>} once the node has started;</li>
 * <li>{@code reset} forgets the statements and commits it counted
 * ({@link CountingDataSource}), answered by {@code @@ RESET};</li>
 * <li>{@code counts} prints {@code @@ COMMITS <n>}, then {@code @@ COUNT <n> <statement>}
 * per statement, then {@code @@ END};</li>
 * <li>{@code beat} writes its row in {@code queue_job_node} now (whether it runs the
 * runner), answered by {@code @@ BEAT};</li>
 * <li>{@code stop}, or the end of its input (the parent ended), stops the node and the
 * JVM.</li>
 * </ul>
 * Every other line it prints (its log) the parent prints with the node's number.
 */
final class NodeProcess implements AutoCloseable {

	private static final String PREFIX = "@@ ";

	private static final Set<Process> live = ConcurrentHashMap.newKeySet();

	static {
		// a bench stopped by a signal takes its nodes along
		Runtime.getRuntime().addShutdownHook(new Thread(() -> live.forEach(Process::destroyForcibly)));
	}

	final int number;

	private final Process process;

	private final Writer input;

	private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	private String name;

	private NodeProcess(int number, Process process) {
		this.number = number;
		this.process = process;
		this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::read, "node-" + number + "-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a node JVM on the database, with the bench's own class path.
	 * @param number the node's number, for its log lines
	 * @param database the database
	 * @param capacity the capacity of the root channel
	 * @return the process, not yet ready
	 */
	static NodeProcess start(int number, Database database, int capacity) {
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.addAll(List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path")));
		command.add(NodeProcess.class.getName());
		command.add(database.url);
		command.add(String.valueOf(capacity));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			live.add(process);
			return new NodeProcess(number, process);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + command, ex);
		}
	}

	private void read() {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(PREFIX)) {
					this.answers.add(line.substring(PREFIX.length()));
				}
				else {
					System.out.println("  [node " + this.number + "] " + line);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/** The process id of the node's JVM. */
	long pid() {
		return this.process.pid();
	}

	/** The node's name, as stored in the {@code worker} column of the jobs it ran. */
	String name() {
		return this.name;
	}

	/**
	 * Wait until the node has started, unless it was ready already.
	 * @param timeout how long at most
	 */
	void awaitReady(Duration timeout) {
		if (this.name != null) {
			return;
		}
		this.name = answer("READY ", timeout).substring("READY ".length());
	}

	/** Forget the statements and commits counted so far. */
	void resetCounts() {
		send("reset");
		answer("RESET", Duration.ofSeconds(30));
	}

	/**
	 * Add the node's commits and statements counted since the last reset.
	 * @param statements the counts per statement to add to
	 * @return the node's commits
	 */
	long addCounts(Map<String, Long> statements) {
		send("counts");
		long commits = Long.parseLong(answer("COMMITS ", Duration.ofSeconds(30)).substring("COMMITS ".length()));
		String line;
		while (!(line = answer("", Duration.ofSeconds(30))).equals("END")) {
			String[] count = line.substring("COUNT ".length()).split(" ", 2);
			statements.merge(count[1], Long.parseLong(count[0]), Long::sum);
		}
		return commits;
	}

	/** Write the node's heartbeat row now. */
	void beat() {
		send("beat");
		answer("BEAT", Duration.ofSeconds(30));
	}

	private void send(String command) {
		try {
			this.input.write(command + "\n");
			this.input.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Node " + this.number + " does not listen: " + ex.getMessage(), ex);
		}
	}

	private String answer(String prefix, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String answer;
			try {
				answer = this.answers.poll(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (answer != null) {
				if (!answer.startsWith(prefix)) {
					throw new IllegalStateException("Node " + this.number + " answered " + answer + ", not " + prefix);
				}
				return answer;
			}
			if (!this.process.isAlive() && this.answers.isEmpty()) {
				throw new IllegalStateException(
						"Node " + this.number + " ended with status " + this.process.exitValue());
			}
		}
		throw new IllegalStateException("Node " + this.number + " did not answer " + prefix + " within " + timeout);
	}

	/**
	 * Stop the node: ask it to stop, and end its JVM if it has not within 20 seconds.
	 */
	@Override
	public void close() {
		try {
			if (this.process.isAlive()) {
				try {
					send("stop");
					this.input.close();
				}
				catch (IOException | RuntimeException ex) {
					// it is ending already
				}
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					System.out.println("  node " + this.number + " did not stop within 20 s: ending it");
					this.process.destroy();
					if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
						this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		finally {
			live.remove(this.process);
		}
	}

	/**
	 * The node's JVM: starts a worker node and answers its parent until told to stop.
	 * @param args the database's JDBC URL and the root channel's capacity
	 * @throws IOException if its input cannot be read
	 */
	public static void main(String[] args) throws IOException {
		Map<String, Object> database = new LinkedHashMap<>();
		database.put("spring.datasource.url", args[0]);
		database.put("spring.datasource.username", Database.USER);
		if (Database.PASSWORD != null) {
			database.put("spring.datasource.password", Database.PASSWORD);
		}
		ConfigurableApplicationContext context = Node.worker(database,
				Map.of("queue-job.channels", "root:" + Integer.parseInt(args[1])));
		try {
			NodeRegistry registry = context.getBean(NodeRegistry.class);
			System.out.println(PREFIX + "READY " + registry.name());
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null && !line.equals("stop")) {
				switch (line) {
					case "reset" -> {
						CountingDataSource.reset();
						System.out.println(PREFIX + "RESET");
					}
					case "counts" -> {
						StringBuilder out = new StringBuilder();
						out.append(PREFIX).append("COMMITS ").append(CountingDataSource.commits()).append('\n');
						CountingDataSource.statements()
							.forEach((sql, count) -> out.append(PREFIX)
								.append("COUNT ")
								.append(count)
								.append(' ')
								.append(sql)
								.append('\n'));
						out.append(PREFIX).append("END");
						System.out.println(out);
					}
					case "beat" -> {
						registry.beat();
						System.out.println(PREFIX + "BEAT");
					}
					default -> System.out.println("unknown command " + line);
				}
			}
		}
		finally {
			context.close();
		}
		System.exit(0);
	}

}
