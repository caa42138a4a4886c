package io.queuejob.spring.operations;

import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;

/**
 * What an action on a selection of jobs did.
 *
 * @param changed the jobs the action changed, in the order given
 * @param refused the jobs it left as they were, and why
 */
public record ActionResult(List<UUID> changed, List<Refusal> refused) {

	/**
	 * A job an action left as it was.
	 *
	 * @param uuid the job's uuid
	 * @param state its state, or {@code null} when there is no such job
	 * @param reason why
	 */
	public record Refusal(UUID uuid, JobState state, String reason) {

	}

}
