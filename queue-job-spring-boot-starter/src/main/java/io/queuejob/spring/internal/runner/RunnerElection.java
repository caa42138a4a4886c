package io.queuejob.spring.internal.runner;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Elects this node's runner: the node whose listener connection holds a session advisory
 * lock runs the runner. PostgreSQL releases the lock when that connection dies, or when
 * the server hears nothing on it for the fencing timeout (a frozen process), and another
 * node's listener, which tries at every probe, takes it over. This node counts itself the
 * runner only within the fencing timeout of the last probe its connection answered, so a
 * runner that stood still finds, when it wakes, that it is no longer the runner before it
 * acts.
 */
public final class RunnerElection extends SessionLock {

	/** First key of the advisory locks of queue-job ("qj"). */
	public static final int LOCK_NAMESPACE = 0x716A;

	private static final Log logger = LogFactory.getLog(RunnerElection.class);

	private final Runnable onElected;

	/**
	 * Create an election.
	 * @param lockName what the lock is for, unique per queue-job installation (such as
	 * the qualified name of its table), hashed into the lock's second key
	 * @param fencingTimeout how long after the last answered probe of the listener's
	 * connection this node still counts itself the runner
	 * @param onElected called when this node becomes the runner
	 */
	public RunnerElection(String lockName, Duration fencingTimeout, Runnable onElected) {
		super(LOCK_NAMESPACE, lockName, fencingTimeout);
		this.onElected = onElected;
	}

	/**
	 * Whether this node is the runner now.
	 * @return {@code true} while this node's listener connection holds the lock, as last
	 * confirmed within the fencing timeout
	 */
	public boolean isLeader() {
		return confirmedHeld();
	}

	/**
	 * The server process of the listener session that holds the runner's lock, for the
	 * statements that check in the database that this node is still the runner.
	 * @return the backend pid, or {@code 0} while this node is not the runner
	 */
	public int leaderSessionPid() {
		return sessionPid();
	}

	@Override
	void acquired(boolean taken) {
		if (taken) {
			logger.info("This node is now the queue-job runner");
			this.onElected.run();
		}
	}

	@Override
	void released(boolean wasHeld) {
		if (wasHeld) {
			logger.info("This node is no longer the queue-job runner");
		}
	}

}
