package io.queuejob.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A user action on jobs and the states it may be taken from: the one place where the
 * rules of requeue, cancel and set done are written. The store's guarded statements, the
 * refusals of the operations, and the actions the REST API and the dashboard offer per
 * job all read them from here.
 * <table>
 * <caption>The states each action may leave</caption>
 * <tr>
 * <th>action</th>
 * <th>allowed from</th>
 * <th>goes to</th>
 * </tr>
 * <tr>
 * <td>{@link #REQUEUE}</td>
 * <td>any state but {@code started}</td>
 * <td>{@code pending}, or {@code wait_dependencies} when a parent is not done; tries
 * reset to 0</td>
 * </tr>
 * <tr>
 * <td>{@link #CANCEL}</td>
 * <td>{@code wait_dependencies}, {@code pending}, {@code enqueued}, {@code started},
 * {@code failed}</td>
 * <td>{@code cancelled}, with its waiting dependents, transitively; a started job's node
 * stops its try</td>
 * </tr>
 * <tr>
 * <td>{@link #DONE}</td>
 * <td>any state but {@code started} and {@code done}</td>
 * <td>{@code done}, releasing its waiting dependents whose parents are all done</td>
 * </tr>
 * </table>
 * A running job is only cancelled by hand: the node that runs it is told, and stops the
 * try; its outcome is no longer written. A done job is not set done again, which would
 * replace its result and the time it was done.
 */
public enum JobAction {

	/** Back to pending (or waiting for its parents), tries reset; not a started job. */
	REQUEUE("requeued", EnumSet.complementOf(EnumSet.of(JobState.STARTED))),

	/**
	 * Cancelled with its waiting dependents; a pending, enqueued, started, failed or
	 * waiting job.
	 */
	CANCEL("cancelled",
			EnumSet.of(JobState.WAIT_DEPENDENCIES, JobState.PENDING, JobState.ENQUEUED, JobState.STARTED,
					JobState.FAILED)),

	/** Done by hand, releasing its dependents; neither a started nor a done job. */
	DONE("set done", EnumSet.complementOf(EnumSet.of(JobState.STARTED, JobState.DONE)));

	private final String participle;

	private final Set<JobState> allowedFrom;

	private final String id = name().toLowerCase(Locale.ROOT);

	JobAction(String participle, EnumSet<JobState> allowedFrom) {
		this.participle = participle;
		this.allowedFrom = Collections.unmodifiableSet(allowedFrom);
	}

	/**
	 * The name of the action in the REST API, also the last segment of its path:
	 * {@code requeue}, {@code cancel} or {@code done}.
	 * @return the lowercase name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The states a job may take this action from.
	 * @return the states, unmodifiable, in state order
	 */
	public Set<JobState> allowedFrom() {
		return this.allowedFrom;
	}

	/**
	 * Whether a job in the given state may take this action.
	 * @param state the job's state
	 * @return {@code true} if allowed
	 */
	public boolean isAllowedFrom(JobState state) {
		return this.allowedFrom.contains(state);
	}

	/**
	 * The actions a job in the given state may take.
	 * @param state the job's state
	 * @return the actions, in declaration order
	 */
	public static List<JobAction> allowedIn(JobState state) {
		return Stream.of(values()).filter((action) -> action.isAllowedFrom(state)).toList();
	}

	/**
	 * Why a job in a state may not take this action, such as "a started job cannot be
	 * requeued".
	 * @param state the job's state
	 * @return the reason
	 */
	public String refusal(JobState state) {
		String word = state.dbValue();
		String article = (word.startsWith("e") || word.startsWith("a")) ? "an " : "a ";
		return article + word + " job cannot be " + this.participle;
	}

}
