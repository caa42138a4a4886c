package io.queuejob.spring.operations;

import java.time.Instant;

/**
 * A node running queue-job, as its last heartbeat recorded it.
 *
 * @param name the node's name, as stored on the jobs it runs
 * @param runner whether it ran the runner
 * @param workerThreads how many jobs it runs at once (0 when it runs none)
 * @param busyThreads how many jobs it ran
 * @param startedAt when it started
 * @param lastSeen its last heartbeat
 */
public record NodeStatus(String name, boolean runner, int workerThreads, int busyThreads, Instant startedAt,
		Instant lastSeen) {

}
