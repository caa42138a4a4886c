package io.queuejob.spring.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.postgresql.PGConnection;

/**
 * A session advisory lock held by the listener's connection, counted as held only within
 * the fencing timeout of the last probe the server answered on that connection. A node
 * whose connection broke without its knowledge, or whose process stood still, thus stops
 * counting on the lock within the fencing timeout, before the server releases it to
 * another node (which waits longer: the dead-node grace, or the server's own timeout).
 */
abstract class SessionLock implements ConnectionTask {

	private final int namespace;

	private final String key;

	private final long fencingNanos;

	private volatile boolean held;

	private volatile long confirmedAt;

	private volatile int sessionPid;

	SessionLock(int namespace, String key, Duration fencingTimeout) {
		this.namespace = namespace;
		this.key = key;
		this.fencingNanos = fencingTimeout.toNanos();
	}

	/**
	 * How long after the last answered probe the lock still counts as held.
	 * @return the fencing timeout
	 */
	public Duration fencingTimeout() {
		return Duration.ofNanos(this.fencingNanos);
	}

	/**
	 * Whether the lock is held, as last confirmed within the fencing timeout.
	 * @return {@code true} if it is held
	 */
	boolean confirmedHeld() {
		return this.held && System.nanoTime() - this.confirmedAt < this.fencingNanos;
	}

	/**
	 * The server process of the session that holds the lock, for statements that must
	 * check in the database that the lock is still held.
	 * @return the backend pid, or {@code 0} while the lock is not held
	 */
	int sessionPid() {
		return confirmedHeld() ? this.sessionPid : 0;
	}

	@Override
	public void run(Connection connection, long confirmedAt) throws SQLException {
		this.confirmedAt = confirmedAt;
		if (this.held) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
			statement.setInt(1, this.namespace);
			statement.setString(2, this.key);
			try (ResultSet result = statement.executeQuery()) {
				this.sessionPid = connection.unwrap(PGConnection.class).getBackendPID();
				this.held = result.next() && result.getBoolean(1);
			}
		}
		acquired(this.held);
	}

	/**
	 * Called after each try to take the lock.
	 * @param taken whether it was taken
	 */
	abstract void acquired(boolean taken);

	@Override
	public void disconnected() {
		boolean wasHeld = this.held;
		this.held = false;
		released(wasHeld);
	}

	/**
	 * Called when the connection is gone, and the lock with it.
	 * @param wasHeld whether it had been held
	 */
	void released(boolean wasHeld) {
	}

}
