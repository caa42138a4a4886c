package io.queuejob.spring.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Shows that this node is alive: its listener connection holds a session advisory lock
 * keyed by the node's worker name. PostgreSQL releases it when the connection dies, which
 * is how the runner tells that the jobs this node started are dead. The workers claim
 * jobs only while the lock is held.
 */
public final class NodeLiveness implements ConnectionTask {

	/** First key of the node locks ("qk"). */
	public static final int LOCK_NAMESPACE = 0x716B;

	private static final Log logger = LogFactory.getLog(NodeLiveness.class);

	private final String worker;

	private final Runnable onAlive;

	private volatile boolean held;

	/**
	 * Create the liveness lock of a node.
	 * @param worker the node's worker name, stored on the jobs it starts
	 * @param onAlive called when the lock is taken, to wake the workers
	 */
	public NodeLiveness(String worker, Runnable onAlive) {
		this.worker = worker;
		this.onAlive = onAlive;
	}

	/**
	 * This node's worker name.
	 * @return the name stored on the jobs this node starts
	 */
	public String worker() {
		return this.worker;
	}

	/**
	 * Whether this node's liveness lock is held now.
	 * @return {@code true} while the listener connection holds it
	 */
	public boolean isHeld() {
		return this.held;
	}

	@Override
	public void run(Connection connection) throws SQLException {
		if (this.held) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
			statement.setInt(1, LOCK_NAMESPACE);
			statement.setString(2, this.worker);
			try (ResultSet result = statement.executeQuery()) {
				this.held = result.next() && result.getBoolean(1);
			}
		}
		if (this.held) {
			this.onAlive.run();
		}
		else {
			logger.warn("queue-job worker " + this.worker + " could not take its liveness lock; retrying");
		}
	}

	@Override
	public void disconnected() {
		this.held = false;
	}

}
