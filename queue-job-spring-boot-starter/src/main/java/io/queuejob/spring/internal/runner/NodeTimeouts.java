package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the nodes wait on each other: the grace after which the other nodes rescue the
 * jobs of a node whose liveness lock was released, and the fencing timeout, how long a
 * node counts on its listener connection after its last answered probe. The fencing
 * timeout is always shorter than the grace, so that the other nodes rescue a node's jobs
 * only after it stopped claiming them.
 *
 * @param deadNodeGrace the grace before the jobs of a dead node are rescued
 * @param fencingTimeout how long a node counts on its listener connection
 */
public record NodeTimeouts(Duration deadNodeGrace, Duration fencingTimeout) {

	/**
	 * Create the timeouts.
	 * @param deadNodeGrace the grace before the jobs of a dead node are rescued
	 * @param fencingTimeout how long a node counts on its listener connection
	 * @throws IllegalStateException if the fencing timeout is not shorter than the grace
	 */
	public NodeTimeouts {
		Objects.requireNonNull(deadNodeGrace, "deadNodeGrace");
		Objects.requireNonNull(fencingTimeout, "fencingTimeout");
		if (fencingTimeout.compareTo(deadNodeGrace) >= 0) {
			throw new IllegalStateException("queue-job.listener.fencing-timeout (" + fencingTimeout
					+ ") must be shorter than queue-job.runner.dead-node-grace (" + deadNodeGrace
					+ "): a node must stop claiming before the other nodes rescue its jobs");
		}
	}

	/**
	 * The timeouts of a grace and a fencing timeout that may be left out.
	 * @param deadNodeGrace the grace before the jobs of a dead node are rescued
	 * @param fencingTimeout how long a node counts on its listener connection, or
	 * {@code null} for half the grace
	 * @return the timeouts
	 * @throws IllegalStateException if the fencing timeout is not shorter than the grace
	 */
	public static NodeTimeouts of(Duration deadNodeGrace, Duration fencingTimeout) {
		return new NodeTimeouts(deadNodeGrace, (fencingTimeout != null) ? fencingTimeout : deadNodeGrace.dividedBy(2));
	}

}
