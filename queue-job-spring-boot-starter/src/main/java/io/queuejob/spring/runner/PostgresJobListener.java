package io.queuejob.spring.runner;

import java.sql.Connection;
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
 */
public final class PostgresJobListener implements SmartLifecycle {

	/** The lifecycle phase: started before, stopped after the runner and workers. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3000;

	/**
	 * The application name of the listener's connection, as {@code pg_stat_activity}
	 * shows it.
	 */
	public static final String APPLICATION_NAME = "queue-job-listener";

	private static final Log logger = LogFactory.getLog(PostgresJobListener.class);

	private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final int RECEIVE_TIMEOUT_MILLIS = 1000;

	private static final long TASK_INTERVAL_NANOS = 1_000_000_000L;

	private final ConnectionSource connections;

	private final Duration reconnectDelay;

	private final Map<String, List<Subscription>> subscribers = new LinkedHashMap<>();

	private final List<ConnectionTask> tasks = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private volatile boolean connected;

	private volatile Connection connection;

	private Thread thread;

	private long tasksRunAt;

	/**
	 * Create a listener.
	 * @param connections opens the dedicated connection
	 * @param reconnectDelay how long to wait before reconnecting after a failure
	 */
	public PostgresJobListener(ConnectionSource connections, Duration reconnectDelay) {
		this.connections = connections;
		this.reconnectDelay = reconnectDelay;
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
	 * Run a task on the dedicated connection after it connects and about every second.
	 * Add tasks before the listener starts.
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
		this.running = true;
		this.thread = DaemonThreads.start("queue-job-listener", this::listen);
	}

	@Override
	public void stop() {
		this.running = false;
		DaemonThreads.stop(this.thread, true, Duration.ofMillis(RECEIVE_TIMEOUT_MILLIS * 3L));
		closeQuietly(this.connection);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void listen() {
		while (this.running) {
			try (Connection listening = this.connections.open()) {
				this.connection = listening;
				startListening(listening);
				this.connected = true;
				runTasks(listening);
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

	private void startListening(Connection listening) throws SQLException {
		try (Statement statement = listening.createStatement()) {
			statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
			for (String channel : allChannels()) {
				statement.execute("LISTEN " + channel);
			}
		}
	}

	private void runTasks(Connection listening) throws SQLException {
		this.tasksRunAt = System.nanoTime();
		for (ConnectionTask task : this.tasks) {
			task.run(listening);
		}
	}

	private void receive(Connection listening) throws SQLException {
		PGConnection notifying = listening.unwrap(PGConnection.class);
		while (this.running) {
			PGNotification[] notifications = notifying.getNotifications(RECEIVE_TIMEOUT_MILLIS);
			if (System.nanoTime() - this.tasksRunAt >= TASK_INTERVAL_NANOS) {
				runTasks(listening);
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
