package io.queuejob.core.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Walks every element reachable from a top element, breadth first, and merges the links
 * between elements into job-to-job dependencies. Jobs are kept in discovery order.
 */
final class GraphWalk {

	private final Map<JobNode, Set<JobNode>> parents = new LinkedHashMap<>();

	private final Map<JobNode, Set<JobNode>> children = new LinkedHashMap<>();

	private final Set<GraphElement> seen = new HashSet<>();

	private final Deque<GraphElement> pending = new ArrayDeque<>();

	private GraphWalk() {
	}

	/**
	 * Walk everything reachable from an element.
	 * @param top the element to start from
	 * @return the finished walk
	 * @throws InvalidGraphException if a job depends on itself
	 */
	static GraphWalk from(GraphElement top) {
		GraphWalk walk = new GraphWalk();
		walk.enqueue(top);
		while (!walk.pending.isEmpty()) {
			walk.visit(walk.pending.poll());
		}
		return walk;
	}

	/**
	 * Each job's parents, jobs in discovery order.
	 * @return the parents of each job
	 */
	Map<JobNode, Set<JobNode>> parents() {
		return Collections.unmodifiableMap(this.parents);
	}

	/**
	 * Each job's children, jobs in discovery order.
	 * @return the children of each job
	 */
	Map<JobNode, Set<JobNode>> children() {
		return Collections.unmodifiableMap(this.children);
	}

	private void visit(GraphElement element) {
		if (element instanceof JobNode node) {
			addNode(node);
		}
		element.members().forEach(this::enqueue);
		element.forEachLink((before, after) -> {
			link(before, after);
			enqueue(after);
		});
	}

	private void enqueue(GraphElement element) {
		if (this.seen.add(element)) {
			this.pending.add(element);
		}
	}

	private void link(GraphElement before, GraphElement after) {
		for (JobNode parent : before.tails()) {
			for (JobNode child : after.heads()) {
				addEdge(parent, child);
			}
		}
	}

	private void addEdge(JobNode parent, JobNode child) {
		if (parent == child) {
			throw new InvalidGraphException("Job " + parent + " cannot depend on itself");
		}
		addNode(parent);
		addNode(child);
		this.parents.get(child).add(parent);
		this.children.get(parent).add(child);
	}

	private void addNode(JobNode node) {
		this.parents.computeIfAbsent(node, (key) -> new LinkedHashSet<>());
		this.children.computeIfAbsent(node, (key) -> new LinkedHashSet<>());
	}

}
