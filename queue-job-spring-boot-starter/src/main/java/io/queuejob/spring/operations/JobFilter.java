package io.queuejob.spring.operations;

import java.time.Instant;
import java.util.Set;

import io.queuejob.core.JobState;

/**
 * Which jobs to list or count. Every criterion is optional ({@code null}, or an empty set
 * of states) and they combine with "and".
 *
 * @param states the states the jobs are in; empty for any state
 * @param channel the exact full channel name, such as {@code root.mail}, at most
 * {@link JobOperations#MAX_NAME} characters
 * @param function the exact job function name, such as {@code orderService.confirm}, at
 * most {@link JobOperations#MAX_NAME} characters
 * @param text a case-insensitive substring of the description, the exception message or
 * the exception class name, at most {@link JobOperations#MAX_TEXT} characters
 * @param createdFrom the jobs created at or after this instant
 * @param createdTo the jobs created before this instant
 * @param doneFrom the jobs done at or after this instant
 * @param doneTo the jobs done before this instant
 */
public record JobFilter(Set<JobState> states, String channel, String function, String text, Instant createdFrom,
		Instant createdTo, Instant doneFrom, Instant doneTo) {

	/** Every job. */
	public static final JobFilter ALL = new JobFilter(Set.of(), null, null, null, null, null, null, null);

	/**
	 * Copy the states, {@code null} meaning any state, and check the other values: the
	 * texts (channel, function, text) have no control character and are not longer than
	 * their limit, the instants are between {@link JobOperations#MIN_INSTANT} and
	 * {@link JobOperations#MAX_INSTANT}.
	 * @throws InvalidJobQueryException naming the first value out of range
	 */
	public JobFilter {
		states = (states != null) ? Set.copyOf(states) : Set.of();
		QueryValues.text("channel", channel, JobOperations.MAX_NAME);
		QueryValues.text("function", function, JobOperations.MAX_NAME);
		QueryValues.text("text", text, JobOperations.MAX_TEXT);
		QueryValues.instant("createdFrom", createdFrom);
		QueryValues.instant("createdTo", createdTo);
		QueryValues.instant("doneFrom", doneFrom);
		QueryValues.instant("doneTo", doneTo);
	}

	/**
	 * The jobs of some states.
	 * @param states the states
	 * @return a filter on the states
	 */
	public static JobFilter inStates(JobState... states) {
		return ALL.withStates(Set.of(states));
	}

	/**
	 * Return a copy of this filter on other states.
	 * @param states the states; empty for any state
	 * @return the new filter
	 */
	public JobFilter withStates(Set<JobState> states) {
		return new JobFilter(states, this.channel, this.function, this.text, this.createdFrom, this.createdTo,
				this.doneFrom, this.doneTo);
	}

}
