package io.queuejob.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The jobs reachable from a top element and their job-to-job dependencies, validated and
 * in topological order. Immutable: later {@code onDone} calls do not change it.
 * <p>
 * The graph only holds what is reachable <em>downstream</em> from the top element: the
 * graph of a child does not hold its parents. Build it from the top-most element.
 */
public final class JobGraph {

	private final List<JobNode> nodes;

	private final Map<JobNode, Set<JobNode>> parents;

	private final Map<JobNode, Set<JobNode>> children;

	private final UUID graphUuid;

	private JobGraph(List<JobNode> nodes, Map<JobNode, Set<JobNode>> parents, Map<JobNode, Set<JobNode>> children) {
		this.nodes = List.copyOf(nodes);
		this.parents = immutableCopy(parents);
		this.children = immutableCopy(children);
		this.graphUuid = computeGraphUuid(this.nodes);
	}

	/**
	 * Build the graph of everything reachable from an element; the same as
	 * {@link GraphElement#graph() top.graph()}.
	 * @param top the top-most element
	 * @return the graph
	 * @throws NullPointerException if {@code top} is {@code null}
	 * @throws InvalidGraphException if a job depends on itself, if the dependencies form
	 * a cycle, or if the jobs already belong to several graphs
	 */
	public static JobGraph of(GraphElement top) {
		Objects.requireNonNull(top, "JobGraph.of: the top element must not be null");
		GraphWalk walk = GraphWalk.from(top);
		List<JobNode> order = TopologicalOrder.sort(walk.parents(), walk.children());
		return new JobGraph(order, walk.parents(), walk.children());
	}

	/**
	 * The jobs, parents before children. Among jobs that do not depend on each other, the
	 * one found first by walking from the top element comes first, so the order is the
	 * same for the same graph.
	 * @return the jobs in topological order
	 */
	public List<JobNode> nodes() {
		return this.nodes;
	}

	/**
	 * Whether the graph has exactly one job, which then has no dependency.
	 * @return {@code true} for a single job
	 */
	public boolean isSingle() {
		return this.nodes.size() == 1;
	}

	/**
	 * Whether a job is part of this graph.
	 * @param node a job
	 * @return {@code true} if the graph holds it
	 */
	public boolean contains(JobNode node) {
		return this.parents.containsKey(node);
	}

	/**
	 * The jobs that must be done before the given job can run.
	 * @param node a job of this graph
	 * @return its parents, empty for a job that can run at once
	 * @throws IllegalArgumentException if the job is not part of this graph
	 */
	public Set<JobNode> parents(JobNode node) {
		return lookup(this.parents, node);
	}

	/**
	 * The jobs that wait for the given job.
	 * @param node a job of this graph
	 * @return its children, empty for a job nothing waits for
	 * @throws IllegalArgumentException if the job is not part of this graph
	 */
	public Set<JobNode> children(JobNode node) {
		return lookup(this.children, node);
	}

	/**
	 * All dependencies, by parent in {@link #nodes()} order, then by child in the order
	 * they were declared.
	 * @return the dependencies
	 */
	public List<Edge> edges() {
		List<Edge> edges = new ArrayList<>();
		for (JobNode parent : this.nodes) {
			this.children.get(parent).forEach((child) -> edges.add(new Edge(parent, child)));
		}
		return Collections.unmodifiableList(edges);
	}

	/**
	 * The uuid the jobs of this graph share. A single job has none. Otherwise, when some
	 * jobs already belong to a graph (see {@link JobNode#graphUuid()}), that graph's
	 * uuid, else a random uuid drawn once for this {@code JobGraph}.
	 * @return the graph uuid, or {@code null} for a single job
	 */
	public UUID graphUuid() {
		return this.graphUuid;
	}

	/**
	 * Describe the graph by its jobs and dependencies.
	 * @return for example {@code JobGraph[nodes=[a, b], edges=[a → b]]}
	 */
	@Override
	public String toString() {
		return "JobGraph[nodes=" + this.nodes + ", edges=" + edges() + "]";
	}

	private static Set<JobNode> lookup(Map<JobNode, Set<JobNode>> map, JobNode node) {
		Objects.requireNonNull(node, "the job must not be null");
		Set<JobNode> related = map.get(node);
		if (related == null) {
			throw new IllegalArgumentException("Job " + node + " is not part of this graph");
		}
		return related;
	}

	private static Map<JobNode, Set<JobNode>> immutableCopy(Map<JobNode, Set<JobNode>> map) {
		Map<JobNode, Set<JobNode>> copy = new LinkedHashMap<>();
		map.forEach((node, related) -> copy.put(node, Collections.unmodifiableSet(new LinkedHashSet<>(related))));
		return Collections.unmodifiableMap(copy);
	}

	private static UUID computeGraphUuid(List<JobNode> nodes) {
		if (nodes.size() == 1) {
			return null;
		}
		Map<UUID, JobNode> existing = new LinkedHashMap<>();
		for (JobNode node : nodes) {
			UUID uuid = node.graphUuid();
			if (uuid != null) {
				existing.putIfAbsent(uuid, node);
			}
		}
		if (existing.size() > 1) {
			throw new InvalidGraphException(
					"Jobs cannot have dependencies between several graphs: " + existing.entrySet()
						.stream()
						.map((entry) -> entry.getValue() + " is in graph " + entry.getKey())
						.collect(Collectors.joining(", ")));
		}
		return existing.isEmpty() ? UUID.randomUUID() : existing.keySet().iterator().next();
	}

	/**
	 * A dependency: the child runs when the parent is done.
	 *
	 * @param parent the job that runs first
	 * @param child the job that waits for it
	 */
	public record Edge(JobNode parent, JobNode child) {

		/**
		 * Validate the dependency.
		 * @param parent the job that runs first
		 * @param child the job that waits for it
		 * @throws NullPointerException if a job is {@code null}
		 */
		public Edge {
			Objects.requireNonNull(parent, "Edge: parent must not be null");
			Objects.requireNonNull(child, "Edge: child must not be null");
		}

		/**
		 * Describe the dependency.
		 * @return for example {@code a → b}
		 */
		@Override
		public String toString() {
			return this.parent + " → " + this.child;
		}

	}

}
