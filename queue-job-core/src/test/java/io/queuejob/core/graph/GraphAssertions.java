package io.queuejob.core.graph;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on a {@link JobGraph}, expectations given as "job → its parents".
 */
final class GraphAssertions {

	private GraphAssertions() {
	}

	/**
	 * Assert the graph holds exactly the given jobs with exactly the given parents, that
	 * children mirror parents and that {@link JobGraph#nodes()} is a topological order.
	 */
	static void assertParents(JobGraph graph, Map<? extends JobNode, ? extends Set<? extends JobNode>> expected) {
		assertThat(graph.nodes()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		expected.forEach((node, parents) -> assertThat(graph.parents(node)).as("parents of %s", node)
			.containsExactlyInAnyOrderElementsOf(parents));
		assertChildrenMirrorParents(graph);
		assertTopological(graph);
	}

	/**
	 * Assert that every parent comes before each of its children in
	 * {@link JobGraph#nodes()}, and that each job appears once.
	 */
	static void assertTopological(JobGraph graph) {
		List<JobNode> order = graph.nodes();
		assertThat(order).doesNotHaveDuplicates();
		for (JobGraph.Edge edge : graph.edges()) {
			assertThat(order.indexOf(edge.parent())).as("position of %s before %s", edge.parent(), edge.child())
				.isLessThan(order.indexOf(edge.child()));
		}
	}

	private static void assertChildrenMirrorParents(JobGraph graph) {
		for (JobNode node : graph.nodes()) {
			for (JobNode parent : graph.parents(node)) {
				assertThat(graph.children(parent)).as("children of %s", parent).contains(node);
			}
			for (JobNode child : graph.children(node)) {
				assertThat(graph.parents(child)).as("parents of %s", child).contains(node);
			}
		}
		long edgeCount = graph.nodes().stream().mapToLong((node) -> graph.parents(node).size()).sum();
		assertThat(graph.edges()).hasSize((int) edgeCount);
	}

}
