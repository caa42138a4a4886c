package io.queuejob.core.graph;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A single job in a dependency graph. Its only head and only tail is itself.
 * <p>
 * Subclasses add what the job runs; they keep identity equality.
 */
public class JobNode extends GraphElement {

	/**
	 * Create a job node.
	 */
	public JobNode() {
	}

	/**
	 * Run the given elements after this job.
	 * @param next the elements to run when this job is done
	 * @return this job
	 * @see GraphElement#onDone(GraphElement...)
	 */
	@Override
	public JobNode onDone(GraphElement... next) {
		super.onDone(next);
		return this;
	}

	/**
	 * The uuid of the graph this job already belongs to, when it was stored before. A new
	 * graph that holds this job then re-uses that uuid.
	 * @return the existing graph uuid, or {@code null} (the default) for none
	 */
	public UUID graphUuid() {
		return null;
	}

	@Override
	final Set<JobNode> heads() {
		return Set.of(this);
	}

	@Override
	final Set<JobNode> tails() {
		return Set.of(this);
	}

	@Override
	final List<GraphElement> members() {
		return List.of();
	}

}
