package io.queuejob.core.graph;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Elements that run one after the other: each element's heads depend on the previous
 * element's tails. A chain's heads are its first element's heads and its tails are its
 * last element's tails, so a chain nests inside groups and other chains.
 */
public final class Chain extends GraphElement {

	private final List<GraphElement> elements;

	private Chain(List<GraphElement> elements) {
		this.elements = List.copyOf(elements);
	}

	/**
	 * Create a chain.
	 * @param elements the elements, in the order they run
	 * @return the chain
	 * @throws IllegalArgumentException if there is no element
	 * @throws NullPointerException if an element is {@code null}
	 */
	public static Chain of(GraphElement... elements) {
		List<GraphElement> checked = requireElements("Chain.of", elements);
		if (checked.isEmpty()) {
			throw new IllegalArgumentException("Chain.of: a chain needs at least one element");
		}
		return new Chain(checked);
	}

	/**
	 * Run the given elements after the last element of this chain.
	 * @param next the elements to run when this chain is done
	 * @return this chain
	 * @see GraphElement#onDone(GraphElement...)
	 */
	@Override
	public Chain onDone(GraphElement... next) {
		super.onDone(next);
		return this;
	}

	@Override
	Set<JobNode> heads() {
		return this.elements.get(0).heads();
	}

	@Override
	Set<JobNode> tails() {
		return this.elements.get(this.elements.size() - 1).tails();
	}

	@Override
	List<GraphElement> members() {
		return this.elements;
	}

	@Override
	void forEachLink(BiConsumer<GraphElement, GraphElement> action) {
		for (int i = 1; i < this.elements.size(); i++) {
			action.accept(this.elements.get(i - 1), this.elements.get(i));
		}
		super.forEachLink(action);
	}

	/**
	 * Describe the chain by its elements.
	 * @return for example {@code Chain[a, b]}
	 */
	@Override
	public String toString() {
		return this.elements.stream().map(String::valueOf).collect(Collectors.joining(", ", "Chain[", "]"));
	}

}
