package io.queuejob.core.channel;

import java.time.Instant;
import java.util.List;

/**
 * The first pending jobs of one channel, in {@link Candidate#ORDER}, as loaded for a
 * {@link WindowRequest}.
 *
 * @param jobs the jobs, in order; only due jobs unless the request asked for all
 * @param complete {@code true} if no other pending job of the channel would have been
 * included with a larger limit
 * @param nextEta the earliest eta in the future among the channel's pending jobs, or
 * {@code null}; it tells the scheduler when to wake up
 */
public record CandidateWindow(List<Candidate> jobs, boolean complete, Instant nextEta) {

	/**
	 * Copy the list.
	 */
	public CandidateWindow {
		jobs = List.copyOf(jobs);
	}

	/**
	 * A window that holds every pending job of the channel.
	 * @param jobs all pending jobs of the channel, in order
	 * @param nextEta the earliest future eta, or {@code null}
	 * @return a complete window
	 */
	public static CandidateWindow complete(List<Candidate> jobs, Instant nextEta) {
		return new CandidateWindow(jobs, true, nextEta);
	}

}
