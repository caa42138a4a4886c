package io.queuejob.spring.internal.runner;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Shows that this node is alive: its listener connection holds a session advisory lock
 * keyed by the node's worker name. PostgreSQL releases it when the connection dies, which
 * is how the runner tells that the jobs this node started are dead. The workers claim and
 * start jobs only while the lock is held, as confirmed by the last probe the listener's
 * connection answered within the fencing timeout: a node cut off from the database stops
 * within that timeout, before the dead-node grace of the other nodes ends.
 */
public final class NodeLiveness extends SessionLock {

	/** First key of the node locks ("qk"). */
	public static final int LOCK_NAMESPACE = 0x716B;

	private static final Log logger = LogFactory.getLog(NodeLiveness.class);

	private final String worker;

	private final Runnable onAlive;

	/**
	 * Create the liveness lock of a node.
	 * @param worker the node's worker name, stored on the jobs it starts
	 * @param fencingTimeout how long after the last answered probe of the listener's
	 * connection the lock still counts as held
	 * @param onAlive called when the lock is taken, to wake the workers
	 */
	public NodeLiveness(String worker, Duration fencingTimeout, Runnable onAlive) {
		super(LOCK_NAMESPACE, worker, fencingTimeout);
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
	 * @return {@code true} while the listener connection holds it, as last confirmed
	 * within the fencing timeout
	 */
	public boolean isHeld() {
		return confirmedHeld();
	}

	@Override
	void acquired(boolean taken) {
		if (taken) {
			this.onAlive.run();
		}
		else {
			logger.warn("queue-job worker " + this.worker + " could not take its liveness lock; retrying");
		}
	}

}
