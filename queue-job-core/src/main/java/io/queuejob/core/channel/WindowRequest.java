package io.queuejob.core.channel;

import java.util.Set;

/**
 * How many pending jobs of one channel the runner must load for a scheduling round.
 *
 * @param limit the most jobs the channel can start this round; 0 means load nothing
 * @param includeNotDue whether jobs whose eta has not passed must be included: a
 * sequential channel keeps strict order, so a job that is not due yet blocks the jobs
 * behind it
 * @param perKey when not {@code null}, load at most this many jobs of each partition key
 * (and every job without a key), then the first {@code limit} of those in order: the
 * channel limits its jobs per key, so a key's backlog must not fill the window
 * @param fullKeys the partition keys at their limit, whose jobs must not be loaded
 */
public record WindowRequest(int limit, boolean includeNotDue, Integer perKey, Set<String> fullKeys) {

	/**
	 * Copy the keys.
	 */
	public WindowRequest {
		fullKeys = Set.copyOf(fullKeys);
	}

	/**
	 * A request for a channel without a limit per key.
	 * @param limit the most jobs the channel can start this round
	 * @param includeNotDue whether jobs whose eta has not passed must be included
	 */
	public WindowRequest(int limit, boolean includeNotDue) {
		this(limit, includeNotDue, null, Set.of());
	}

}
