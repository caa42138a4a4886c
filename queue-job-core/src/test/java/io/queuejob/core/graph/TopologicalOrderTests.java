package io.queuejob.core.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.queuejob.core.graph.GraphAssertions.assertParents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of {@link JobGraph#nodes()} and {@link JobGraph#edges()}.
 */
class TopologicalOrderTests {

	@Test
	void classicExampleGraphIsOrderedParentsFirst() {
		Map<String, TestJob> jobs = classicExample();
		JobGraph graph = topOfClassicExample(jobs).graph();
		assertParents(graph,
				Map.of(jobs.get("5"), Set.of(), jobs.get("7"), Set.of(), jobs.get("3"), Set.of(), jobs.get("11"),
						Set.of(jobs.get("5"), jobs.get("7")), jobs.get("8"), Set.of(jobs.get("7"), jobs.get("3")),
						jobs.get("2"), Set.of(jobs.get("11")), jobs.get("9"), Set.of(jobs.get("11"), jobs.get("8")),
						jobs.get("10"), Set.of(jobs.get("3"), jobs.get("11"))));
	}

	@Test
	void sameGraphBuiltTwiceGivesTheSameOrder() {
		List<String> first = names(topOfClassicExample(classicExample()).graph().nodes());
		List<String> second = names(topOfClassicExample(classicExample()).graph().nodes());
		assertThat(second).isEqualTo(first);
	}

	@Test
	void sameElementGraphedTwiceGivesTheSameOrder() {
		Group top = topOfClassicExample(classicExample());
		assertThat(top.graph().nodes()).isEqualTo(top.graph().nodes());
	}

	@Test
	void independentJobsKeepTheOrderTheyWereFoundIn() {
		TestJob c = new TestJob("c");
		TestJob a = new TestJob("a");
		TestJob b = new TestJob("b");
		assertThat(Group.of(c, a, b).graph().nodes()).containsExactly(c, a, b);
	}

	@Test
	void readyJobsAreTakenInTheOrderTheyWereFound() {
		TestJob root = new TestJob("root");
		TestJob slow1 = new TestJob("slow1");
		TestJob slow2 = new TestJob("slow2");
		TestJob fast = new TestJob("fast");
		root.onDone(Chain.of(slow1, slow2), fast);
		assertThat(root.graph().nodes()).containsExactly(root, slow1, fast, slow2);
	}

	@Test
	void edgesComeByParentInNodeOrder() {
		TestJob a = new TestJob("a");
		TestJob b = new TestJob("b");
		TestJob c = new TestJob("c");
		a.onDone(b, c);
		b.onDone(c);
		JobGraph graph = a.graph();
		assertThat(graph.edges()).containsExactly(new JobGraph.Edge(a, b), new JobGraph.Edge(a, c),
				new JobGraph.Edge(b, c));
		assertThat(graph.edges()).map(Object::toString).containsExactly("a → b", "a → c", "b → c");
	}

	/**
	 * Jobs 5, 7, 3, 11, 8, 2, 9, 10 with the dependencies 5→11, 7→11, 7→8, 3→8, 3→10,
	 * 11→2, 11→9, 11→10, 8→9 (parent → child).
	 */
	private static Map<String, TestJob> classicExample() {
		Map<String, TestJob> jobs = new LinkedHashMap<>();
		for (String name : List.of("5", "7", "3", "11", "8", "2", "9", "10")) {
			jobs.put(name, new TestJob(name));
		}
		jobs.get("5").onDone(jobs.get("11"));
		jobs.get("7").onDone(jobs.get("11"), jobs.get("8"));
		jobs.get("3").onDone(jobs.get("8"), jobs.get("10"));
		jobs.get("11").onDone(jobs.get("2"), jobs.get("9"), jobs.get("10"));
		jobs.get("8").onDone(jobs.get("9"));
		return jobs;
	}

	private static Group topOfClassicExample(Map<String, TestJob> jobs) {
		return Group.of(jobs.get("5"), jobs.get("7"), jobs.get("3"));
	}

	private static List<String> names(List<JobNode> nodes) {
		return nodes.stream().map(Object::toString).toList();
	}

}
