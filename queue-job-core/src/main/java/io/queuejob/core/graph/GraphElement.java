package io.queuejob.core.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An element of a job dependency graph: a single {@link JobNode}, a {@link Chain} or a
 * {@link Group}. Elements are linked with {@link #onDone(GraphElement...)} and nest
 * arbitrarily; {@link #graph()} merges everything reachable into a {@link JobGraph} of
 * job-to-job dependencies.
 * <p>
 * Every element has <em>heads</em>, the jobs that start it, and <em>tails</em>, the jobs
 * that finish it. A dependency between two elements is a dependency of each head of the
 * second on each tail of the first.
 * <p>
 * Equality is identity, so that elements can be used in sets and maps whatever a subclass
 * holds. Elements are not thread-safe: build a graph on one thread.
 */
public abstract class GraphElement {

	private final Set<GraphElement> next = new LinkedHashSet<>();

	GraphElement() {
	}

	/**
	 * Run the given elements after this one: each head of each given element depends on
	 * each tail of this element. Calling it again adds more elements.
	 * @param next the elements to run when this one is done
	 * @return this element
	 * @throws NullPointerException if {@code next} or one of its elements is {@code null}
	 */
	public GraphElement onDone(GraphElement... next) {
		this.next.addAll(requireElements("onDone", next));
		return this;
	}

	/**
	 * Build the dependency graph of everything reachable from this element: its own jobs,
	 * the members of chains and groups, and the elements registered with
	 * {@link #onDone(GraphElement...) onDone}, transitively. The walk goes downstream
	 * only: the graph of an element that another element's {@code onDone} points to does
	 * not hold that other element. Build the graph from the top-most element.
	 * @return the graph, a snapshot that later {@code onDone} calls do not change
	 * @throws InvalidGraphException if a job depends on itself, if the dependencies form
	 * a cycle, or if the jobs already belong to several graphs
	 */
	public JobGraph graph() {
		return JobGraph.of(this);
	}

	/**
	 * The jobs that start this element.
	 * @return the head jobs, in insertion order
	 */
	abstract Set<JobNode> heads();

	/**
	 * The jobs that finish this element.
	 * @return the tail jobs, in insertion order
	 */
	abstract Set<JobNode> tails();

	/**
	 * The elements this one is made of.
	 * @return the direct members, in order; empty for a job
	 */
	abstract List<GraphElement> members();

	/**
	 * Pass each pair of elements (before, after) that this element declares to the
	 * action: the pairs registered with {@code onDone}, and a chain's consecutive
	 * elements.
	 * @param action receives each pair
	 */
	void forEachLink(BiConsumer<GraphElement, GraphElement> action) {
		for (GraphElement after : this.next) {
			action.accept(this, after);
		}
	}

	/**
	 * Identity: an element is only equal to itself.
	 * @param other the other object
	 * @return whether {@code other} is this very element
	 */
	@Override
	public final boolean equals(Object other) {
		return this == other;
	}

	/**
	 * The identity hash code.
	 * @return the identity hash code
	 */
	@Override
	public final int hashCode() {
		return System.identityHashCode(this);
	}

	static List<GraphElement> requireElements(String operation, GraphElement... elements) {
		if (elements == null) {
			throw new NullPointerException(operation + ": the element array must not be null");
		}
		List<GraphElement> checked = new ArrayList<>(elements.length);
		for (int i = 0; i < elements.length; i++) {
			if (elements[i] == null) {
				throw new NullPointerException(operation + ": element " + i + " must not be null");
			}
			checked.add(elements[i]);
		}
		return checked;
	}

}
