package io.queuejob.spring.internal.runner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Listens for PostgreSQL notifications on one dedicated connection and wakes the
 * subscribers. It reconnects by itself; after every (re)connection it wakes every
 * subscriber, because notifications sent while it was not listening are lost.
 * <p>
 * The connection also proves that this node is alive (see {@link ConnectionTask}): at
 * every probe interval (a third of the fencing timeout, at most a second) it sends a
 * probe, and the tasks learn when the last answered probe was sent. A task that holds
 * something through the connection counts it held only within the fencing timeout of that
 * instant, so a node whose connection broke without its knowledge (a half-open
 * connection, a frozen process) stops acting on it within that timeout. The listener
 * gives the connection up (and reconnects) when a read waits longer than twice the
 * fencing timeout, and the server ends the session, releasing its locks, when it hears
 * nothing from the node for twice the fencing timeout ({@code idle_session_timeout},
 * PostgreSQL 14 and later): by then the node counts on nothing it held.
 */
public final class PostgresJobListener extends NodeLoop {

	/** The lifecycle phase: started before, stopped after the runner and workers. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3000;

	/**
	 * The application name of the listener's connection, as {@code pg_stat_activity}
	 * shows it.
	 */
	public static final String APPLICATION_NAME = "queue-job-listener";

	private static final Log logger = LogFactory.getLog(PostgresJobListener.class);

	private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(1);

	private final ConnectionSource connections;

	private final Duration reconnectDelay;

	private final Duration fencingTimeout;

	private final int probeIntervalMillis;

	private final Executor networkTimeouts = Runnable::run;

	private final Map<String, List<Subscription>> subscribers = new LinkedHashMap<>();

	private final List<ConnectionTask> tasks = new CopyOnWriteArrayList<>();

	private volatile boolean connected;

	private volatile Connection connection;

	private Thread thread;

	private long probedAt;

	/**
	 * Create a listener.
	 * @param connections opens the dedicated connection
	 * @param reconnectDelay how long to wait before reconnecting after a failure
	 * @param fencingTimeout how long after the last answered probe the tasks stop
	 * counting on the connection
	 */
	public PostgresJobListener(ConnectionSource connections, Duration reconnectDelay, Duration fencingTimeout) {
		super(PHASE);
		if (fencingTimeout.toMillis() < 100) {
			throw new IllegalArgumentException(
					"queue-job.listener.fencing-timeout must be at least 100ms, got " + fencingTimeout);
		}
		this.connections = connections;
		this.reconnectDelay = reconnectDelay;
		this.fencingTimeout = fencingTimeout;
		this.probeIntervalMillis = (int) Math.min(MAX_PROBE_INTERVAL.toMillis(), fencingTimeout.toMillis() / 3);
	}

	/**
	 * How long after the last answered probe the tasks stop counting on the connection.
	 * @return the fencing timeout
	 */
	public Duration fencingTimeout() {
		return this.fencingTimeout;
	}

	/**
	 * Call back when a notification arrives on a channel, and after every (re)connection.
	 * Subscribe before the listener starts. Callbacks must return quickly.
	 * @param channel the notification channel
	 * @param callback what to call
	 */
	public void subscribe(String channel, Runnable callback) {
		subscribe(channel, null, callback);
	}

	/**
	 * Call back when a notification arrives on a channel with another payload than the
	 * given one, and after every (re)connection: for the notifications of other nodes,
	 * when this node's own wake its subscriber in memory already. Subscribe before the
	 * listener starts. Callbacks must return quickly.
	 * @param channel the notification channel
	 * @param ownPayload the payload of this node's notifications, which are ignored, or
	 * {@code null} to ignore none
	 * @param callback what to call
	 */
	public void subscribe(String channel, String ownPayload, Runnable callback) {
		if (!CHANNEL_NAME.matcher(channel).matches()) {
			throw new IllegalArgumentException("Invalid notification channel '" + channel + "'");
		}
		synchronized (this.subscribers) {
			this.subscribers.computeIfAbsent(channel, (name) -> new ArrayList<>())
				.add(new Subscription(ownPayload, callback));
		}
	}

	/**
	 * Run a task on the dedicated connection after it connects and at every probe
	 * interval. Add tasks before the listener starts.
	 * @param task the task
	 */
	public void addTask(ConnectionTask task) {
		this.tasks.add(task);
	}

	/**
	 * Whether the listener is connected and listening.
	 * @return {@code true} if it is listening now
	 */
	public boolean isConnected() {
		return this.connected;
	}

	@Override
	public void start() {
		requireDirectConnection();
		this.running = true;
		this.thread = DaemonThreads.start("queue-job-listener", this::listen);
	}

	@Override
	public void stop() {
		this.running = false;
		DaemonThreads.stop(this.thread, true, this.fencingTimeout.plus(MAX_PROBE_INTERVAL));
		closeQuietly(this.connection);
	}

	private void listen() {
		while (this.running) {
			try (Connection listening = this.connections.open()) {
				this.connection = listening;
				listening.setNetworkTimeout(this.networkTimeouts, (int) silenceLimit().toMillis());
				startListening(listening);
				this.connected = true;
				probe(listening);
				wake(allChannels());
				receive(listening);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					logger.warn("queue-job listener lost its connection; reconnecting in " + this.reconnectDelay, ex);
				}
			}
			finally {
				this.connected = false;
				this.connection = null;
				this.tasks.forEach(ConnectionTask::disconnected);
			}
			pause();
		}
	}

	/**
	 * Open a first connection and check that it reaches PostgreSQL directly, so that a
	 * listener behind a connection pooler stops the start-up. A connection that cannot be
	 * opened is left to the listener's thread, which retries and reports.
	 * @throws IllegalStateException if the connection goes through a pooler
	 */
	private void requireDirectConnection() {
		try (Connection connection = this.connections.open()) {
			requireDirect(connection);
		}
		catch (SQLException ex) {
			logger.debug("queue-job listener could not connect at start-up; its thread retries", ex);
		}
	}

	/**
	 * Check that a connection is a session of its own on the server rather than a client
	 * of a connection pooler such as PgBouncer: a pooler hands its clients a process id
	 * of its own at login, which is not the server process that runs their statements.
	 * @param connection the connection
	 * @throws SQLException if the check cannot be made
	 * @throws IllegalStateException if the connection goes through a pooler
	 */
	static void requireDirect(Connection connection) throws SQLException {
		int announced = connection.unwrap(PGConnection.class).getBackendPID();
		int actual;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			actual = result.getInt(1);
		}
		if (announced != actual) {
			throw new IllegalStateException("The queue-job listener's connection goes through a connection pooler "
					+ "such as PgBouncer (the process id given at login, " + announced + ", is not the server process "
					+ actual + " that answers): the listener needs a session of "
					+ "its own on the server for LISTEN and its session advisory locks. Set queue-job.listener.url "
					+ "(and queue-job.listener.username and password if they differ from the data source's) to a "
					+ "JDBC URL that reaches PostgreSQL directly, or turn the listener off with "
					+ "queue-job.listener.enabled=false.");
		}
	}

	/**
	 * Name the session, let the server end it when the node falls silent (and probe a
	 * node that vanished from the network), and listen.
	 */
	private void startListening(Connection listening) throws SQLException {
		long silence = silenceLimit().toMillis();
		int keepAliveSeconds = (int) Math.max(1, silence / 3000);
		requireDirect(listening);
		try (Statement statement = listening.createStatement()) {
			statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
			statement.execute("SET tcp_keepalives_idle = " + keepAliveSeconds);
			statement.execute("SET tcp_keepalives_interval = " + keepAliveSeconds);
			statement.execute("SET tcp_keepalives_count = 3");
			if (listening.getMetaData().getDatabaseMajorVersion() >= 14) {
				statement.execute("SET idle_session_timeout = " + silence);
			}
			for (String channel : allChannels()) {
				statement.execute("LISTEN " + channel);
			}
		}
	}

	/**
	 * How long the connection may stay silent before the listener or the server gives it
	 * up: long after the tasks stopped counting on it, so that a slow answer only pauses
	 * them, while a lost connection is still replaced before the other nodes' dead-node
	 * grace (by default twice the fencing timeout) ends.
	 */
	private Duration silenceLimit() {
		return this.fencingTimeout.multipliedBy(2);
	}

	/**
	 * Send a probe and, once the server answered it, run the tasks with the instant it
	 * was sent: the session, and whatever it holds, was alive then.
	 */
	private void probe(Connection listening) throws SQLException {
		long sentAt = System.nanoTime();
		try (Statement statement = listening.createStatement()) {
			statement.execute("SELECT 1");
		}
		this.probedAt = sentAt;
		for (ConnectionTask task : this.tasks) {
			task.run(listening, sentAt);
		}
	}

	private void receive(Connection listening) throws SQLException {
		PGConnection notifying = listening.unwrap(PGConnection.class);
		long probeIntervalNanos = this.probeIntervalMillis * 1_000_000L;
		while (this.running) {
			PGNotification[] notifications = notifying.getNotifications(this.probeIntervalMillis);
			if (System.nanoTime() - this.probedAt >= probeIntervalNanos) {
				probe(listening);
			}
			if (notifications != null && notifications.length > 0) {
				wake(notifications);
			}
		}
	}

	private Set<String> allChannels() {
		synchronized (this.subscribers) {
			return new LinkedHashSet<>(this.subscribers.keySet());
		}
	}

	private void wake(Set<String> channels) {
		List<Subscription> woken = new ArrayList<>();
		synchronized (this.subscribers) {
			channels.forEach((channel) -> woken.addAll(this.subscribers.getOrDefault(channel, List.of())));
		}
		call(woken);
	}

	/**
	 * Wake the subscribers of the notifications' channels, each once, unless every
	 * notification on its channel is its own node's.
	 */
	private void wake(PGNotification[] notifications) {
		Set<Subscription> woken = new LinkedHashSet<>();
		synchronized (this.subscribers) {
			for (PGNotification notification : notifications) {
				for (Subscription subscription : this.subscribers.getOrDefault(notification.getName(), List.of())) {
					if (!notification.getParameter().equals(subscription.ownPayload())) {
						woken.add(subscription);
					}
				}
			}
		}
		call(woken);
	}

	private void call(Collection<Subscription> subscriptions) {
		for (Subscription subscription : subscriptions) {
			Runnable callback = subscription.callback();
			try {
				callback.run();
			}
			catch (RuntimeException ex) {
				logger.error("queue-job listener callback failed", ex);
			}
		}
	}

	private void pause() {
		if (!this.running) {
			return;
		}
		try {
			Thread.sleep(this.reconnectDelay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.trace("Could not close the listener connection", ex);
			}
		}
	}

	/**
	 * A callback on a channel, and the payload of the notifications it ignores.
	 */
	private record Subscription(String ownPayload, Runnable callback) {
	}

	/**
	 * Opens the listener's dedicated connection.
	 */
	@FunctionalInterface
	public interface ConnectionSource {

		/**
		 * Open a new connection, in auto-commit mode.
		 * @return the connection
		 * @throws SQLException if it cannot be opened
		 */
		Connection open() throws SQLException;

	}

}
