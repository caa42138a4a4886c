package io.queuejob.core.channel;

import java.time.Instant;

/**
 * The jobs a rate-limited channel (with its sub-channels) started within its rate's
 * period, as the database recorded them, and those enqueued that have not started yet,
 * which will start within the next period.
 *
 * @param count the jobs started within the period up to now, plus the enqueued ones
 * @param windowFreesAt when the oldest of those starts leaves the period, or {@code null}
 * when none started within it
 */
public record RecentStarts(int count, Instant windowFreesAt) {

	/** No start within the period. */
	public static final RecentStarts NONE = new RecentStarts(0, null);

}
