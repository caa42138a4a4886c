package io.queuejob.spring.internal.enqueue;

import java.util.List;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.internal.store.NewJob;

/**
 * A job ready to be stored, with every option resolved and its arguments written as JSON:
 * what a {@link JobSink} receives instead of the store. Internal; the seam of
 * {@link io.queuejob.spring.test.JobTrap}.
 */
public final class PreparedJob {

	private final NewJob row;

	private final Object[] arguments;

	private final List<PreparedJob> parents;

	private final Runnable call;

	PreparedJob(NewJob row, Object[] arguments, List<PreparedJob> parents, Runnable call) {
		this.row = row;
		this.arguments = arguments.clone();
		this.parents = List.copyOf(parents);
		this.call = call;
	}

	/**
	 * The row that would be stored.
	 * @return the job with its resolved options
	 */
	public NewJob row() {
		return this.row;
	}

	/**
	 * The arguments of the call, as passed.
	 * @return a copy of the arguments
	 */
	public Object[] arguments() {
		return this.arguments.clone();
	}

	/**
	 * The jobs of the same graph that must be done before this one.
	 * @return the parents, empty for a job that could run at once
	 */
	public List<PreparedJob> parents() {
		return this.parents;
	}

	/**
	 * Make the call now, in the caller's thread, through the bean (a {@code @QueueJob}
	 * method runs instead of being enqueued again).
	 * @throws RuntimeException what the job throws (a checked exception wrapped in an
	 * {@link IllegalStateException})
	 */
	public void run() {
		this.call.run();
	}

	@Override
	public String toString() {
		String json = this.row.argumentsJson();
		return this.row.jobFunction() + "(" + json.substring(1, json.length() - 1) + ")";
	}

}
