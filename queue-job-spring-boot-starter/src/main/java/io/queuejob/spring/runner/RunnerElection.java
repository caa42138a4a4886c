package io.queuejob.spring.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Elects this node's runner: the node whose listener connection holds a session advisory
 * lock runs the runner. PostgreSQL releases the lock when that connection dies, and
 * another node's listener, which tries every second, takes it over.
 */
public final class RunnerElection implements ConnectionTask {

	/** First key of the advisory locks of queue-job ("qj"). */
	public static final int LOCK_NAMESPACE = 0x716A;

	private static final Log logger = LogFactory.getLog(RunnerElection.class);

	private final String lockName;

	private final Runnable onElected;

	private volatile boolean leader;

	/**
	 * Create an election.
	 * @param lockName what the lock is for, unique per queue-job installation (such as
	 * the qualified name of its table), hashed into the lock's second key
	 * @param onElected called when this node becomes the runner
	 */
	public RunnerElection(String lockName, Runnable onElected) {
		this.lockName = lockName;
		this.onElected = onElected;
	}

	/**
	 * Whether this node is the runner now.
	 * @return {@code true} while this node's listener connection holds the lock
	 */
	public boolean isLeader() {
		return this.leader;
	}

	@Override
	public void run(Connection connection) throws SQLException {
		if (this.leader) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
			statement.setInt(1, LOCK_NAMESPACE);
			statement.setString(2, this.lockName);
			try (ResultSet result = statement.executeQuery()) {
				this.leader = result.next() && result.getBoolean(1);
			}
		}
		if (this.leader) {
			logger.info("This node is now the queue-job runner");
			this.onElected.run();
		}
	}

	@Override
	public void disconnected() {
		if (this.leader) {
			logger.info("This node is no longer the queue-job runner");
		}
		this.leader = false;
	}

}
