package io.queuejob.spring.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A PgBouncer process in transaction mode in front of a test database, started from
 * Debian's {@code /usr/sbin/pgbouncer} with a configuration generated in a temporary
 * directory: listening on 127.0.0.1 on a free port, trust authentication of the
 * database's user. Missing PgBouncer fails the test; it is never skipped.
 */
public final class PgBouncer implements AutoCloseable {

	/** The PgBouncer binary of Debian's {@code pgbouncer} package. */
	static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

	private final TestDatabase database;

	private final Path directory;

	private final int port;

	private final Process process;

	private PgBouncer(TestDatabase database, Path directory, int port, Process process) {
		this.database = database;
		this.directory = directory;
		this.port = port;
		this.process = process;
	}

	/**
	 * Start a PgBouncer in transaction mode in front of the given database.
	 * @param database the database
	 * @return the running PgBouncer
	 * @throws IllegalStateException if PgBouncer is not installed or does not start
	 */
	public static PgBouncer start(TestDatabase database) {
		if (!Files.isExecutable(BINARY)) {
			throw new IllegalStateException("PgBouncer is not installed: the tests through a connection pooler need "
					+ BINARY + " (Debian: apt-get install pgbouncer; test.sh installs it when run as root)");
		}
		try {
			URI server = URI.create(database.url().substring("jdbc:".length()));
			Path directory = Files.createTempDirectory("queue-job-pgbouncer");
			int port = freePort();
			Path users = directory.resolve("users.txt");
			String password = (database.password() != null) ? database.password() : "";
			Files.writeString(users, "\"" + database.username() + "\" \"" + password + "\"\n");
			Path ini = directory.resolve("pgbouncer.ini");
			Files.writeString(ini, """
					[databases]
					%s = host=%s port=%d dbname=%s

					[pgbouncer]
					listen_addr = 127.0.0.1
					listen_port = %d
					unix_socket_dir =
					pool_mode = transaction
					auth_type = trust
					auth_file = %s
					max_client_conn = 200
					default_pool_size = 20
					ignore_startup_parameters = extra_float_digits
					""".formatted(database.name(), server.getHost(), server.getPort(), database.name(), port, users));
			// PgBouncer refuses to run as root: it then runs as nobody, who must read
			// these
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
			Files.setPosixFilePermissions(ini, PosixFilePermissions.fromString("rw-r--r--"));
			List<String> command = new ArrayList<>(List.of(BINARY.toString()));
			if ("root".equals(System.getProperty("user.name"))) {
				command.addAll(List.of("-u", "nobody"));
			}
			command.add(ini.toString());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("pgbouncer.log").toFile())
				.start();
			PgBouncer pgBouncer = new PgBouncer(database, directory, port, process);
			pgBouncer.awaitPort(Duration.ofSeconds(20));
			return pgBouncer;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start PgBouncer", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitPort(Duration timeout) {
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(this::listening);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException(
					"PgBouncer did not listen on port " + this.port + " within " + timeout + ": " + log());
		}
	}

	private boolean listening() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("PgBouncer exited with " + this.process.exitValue() + ": " + log());
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String log() {
		try {
			return Files.readString(this.directory.resolve("pgbouncer.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The JDBC URL of the database through PgBouncer, without server-side prepared
	 * statements, which PgBouncer before 1.21 does not support in transaction mode.
	 * @return the JDBC URL
	 */
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + this.database.name() + "?prepareThreshold=0";
	}

	/**
	 * The {@code spring.datasource.*} properties of the database through PgBouncer, and
	 * the listener's direct connection to the database.
	 * @return the properties, in the {@code key=value} form
	 */
	public List<String> properties() {
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.removeIf((property) -> property.startsWith("spring.datasource.url="));
		properties.add("spring.datasource.url=" + url());
		properties.add("queue-job.listener.url=" + this.database.url());
		return properties;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
