package io.queuejob.spring.operations;

import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;

/**
 * The jobs of one graph and the dependencies between them.
 *
 * @param nodes the jobs, in the order they were stored, at most
 * {@link JobOperations#MAX_GRAPH_NODES}
 * @param edges the dependencies between those jobs
 */
public record JobGraphView(List<Node> nodes, List<Edge> edges) {

	/**
	 * A job of a graph.
	 *
	 * @param uuid the job's uuid
	 * @param state its state
	 * @param function its job function name
	 * @param description its description
	 */
	public record Node(UUID uuid, JobState state, String function, String description) {

	}

	/**
	 * A dependency: the child waits until the parent is done.
	 *
	 * @param parent the parent's uuid
	 * @param child the child's uuid
	 */
	public record Edge(UUID parent, UUID child) {

	}

}
