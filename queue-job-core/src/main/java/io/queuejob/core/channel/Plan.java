package io.queuejob.core.channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a scheduling round.
 *
 * @param toRun the jobs to move from {@code pending} to {@code enqueued} now, in the
 * order they compete
 * @param wakeUpAt when the runner must plan again even if nothing happens (an eta or a
 * throttle interval ends), or {@code null}
 * @param complete {@code false} if a truncated window kept the round from deciding
 * everything: the runner should apply this plan and plan again at once
 */
public record Plan(List<Candidate> toRun, Instant wakeUpAt, boolean complete) {

	/**
	 * Copy the list.
	 */
	public Plan {
		toRun = List.copyOf(toRun);
	}

	/**
	 * When the runner must plan again.
	 * @return the wake-up instant, if any
	 */
	public Optional<Instant> nextWakeUp() {
		return Optional.ofNullable(this.wakeUpAt);
	}

}
