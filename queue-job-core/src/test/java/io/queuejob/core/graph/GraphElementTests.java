package io.queuejob.core.graph;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Building elements: arguments, identity, fluent calls and what a graph includes.
 */
class GraphElementTests {

	private final TestJob a = new TestJob("a");

	private final TestJob b = new TestJob("b");

	private final TestJob c = new TestJob("c");

	@Test
	void onDoneReturnsTheSameElementWithItsOwnType() {
		JobNode job = this.a.onDone(this.b);
		Chain chain = Chain.of(this.b);
		Group group = Group.of(this.c);
		assertThat(job).isSameAs(this.a);
		assertThat(chain.onDone(this.a)).isSameAs(chain);
		assertThat(group.onDone(this.a)).isSameAs(group);
	}

	@Test
	void onDoneWithNothingAddsNothing() {
		assertThat(this.a.onDone().graph().isSingle()).isTrue();
	}

	@Test
	void nullArgumentsAreRejectedWithAClearMessage() {
		assertThatNullPointerException().isThrownBy(() -> this.a.onDone(this.b, null))
			.withMessage("onDone: element 1 must not be null");
		assertThatNullPointerException().isThrownBy(() -> this.a.onDone((GraphElement[]) null))
			.withMessage("onDone: the element array must not be null");
		assertThatNullPointerException().isThrownBy(() -> Chain.of(this.a, null))
			.withMessage("Chain.of: element 1 must not be null");
		assertThatNullPointerException().isThrownBy(() -> Group.of((GraphElement) null))
			.withMessage("Group.of: element 0 must not be null");
		assertThatNullPointerException().isThrownBy(() -> JobGraph.of(null))
			.withMessage("JobGraph.of: the top element must not be null");
	}

	@Test
	void emptyChainIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(Chain::of)
			.withMessage("Chain.of: a chain needs at least one element");
	}

	@Test
	void emptyGroupIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(Group::of)
			.withMessage("Group.of: a group needs at least one member");
	}

	@Test
	void duplicateGroupMembersCollapse() {
		Group group = Group.of(this.a, this.b, this.a);
		assertThat(group.members()).containsExactly(this.a, this.b);
		assertThat(group).hasToString("Group[a, b]");
		group.onDone(this.c);
		assertThat(group.graph().parents(this.c)).containsExactly(this.a, this.b);
	}

	@Test
	void jobsAreEqualOnlyToThemselves() {
		TestJob twin = new TestJob("a");
		assertThat(this.a).isEqualTo(this.a).isNotEqualTo(twin);
		assertThat(Set.of(this.a, twin)).hasSize(2);
		assertThat(Group.of(this.a, twin).graph().nodes()).containsExactly(this.a, twin);
	}

	@Test
	void nestedChainStartsWithItsFirstElementsHeadsAndEndsWithItsLastElementsTails() {
		TestJob a1 = new TestJob("a1");
		TestJob a2 = new TestJob("a2");
		TestJob b1 = new TestJob("b1");
		TestJob b2 = new TestJob("b2");
		TestJob y = new TestJob("y");
		Group group = Group.of(Chain.of(a1, a2), Chain.of(b1, b2));
		Chain chain = Chain.of(group, y);
		assertThat(group.heads()).containsExactly(a1, b1);
		assertThat(group.tails()).containsExactly(a2, b2);
		assertThat(chain.heads()).containsExactly(a1, b1);
		assertThat(chain.tails()).containsExactly(y);
		assertThat(Chain.of(y, group).tails()).containsExactly(a2, b2);
	}

	@Test
	void chainAndGroupDescribeTheirElements() {
		assertThat(Chain.of(this.a, Group.of(this.b, this.c))).hasToString("Chain[a, Group[b, c]]");
	}

	@Test
	void graphOfAChildDoesNotHoldItsParents() {
		this.a.onDone(this.b);
		this.b.onDone(this.c);
		JobGraph graph = this.b.graph();
		assertThat(graph.nodes()).containsExactly(this.b, this.c);
		assertThat(graph.parents(this.b)).isEmpty();
		assertThat(graph.contains(this.a)).isFalse();
	}

	@Test
	void graphIsASnapshot() {
		this.a.onDone(this.b);
		JobGraph graph = this.a.graph();
		this.b.onDone(this.c);
		assertThat(graph.nodes()).containsExactly(this.a, this.b);
		assertThat(graph.children(this.b)).isEmpty();
		assertThat(this.a.graph().nodes()).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void graphViewsCannotBeModified() {
		this.a.onDone(this.b);
		JobGraph graph = this.a.graph();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> graph.nodes().add(this.c));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> graph.parents(this.b).add(this.c));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> graph.edges().add(new JobGraph.Edge(this.b, this.c)));
	}

	@Test
	void askingAboutAJobOutsideTheGraphIsRejected() {
		JobGraph graph = this.a.graph();
		assertThatIllegalArgumentException().isThrownBy(() -> graph.parents(this.b))
			.withMessage("Job b is not part of this graph");
		assertThatIllegalArgumentException().isThrownBy(() -> graph.children(this.b))
			.withMessage("Job b is not part of this graph");
	}

	@Test
	void graphOfAnElementEqualsJobGraphOf() {
		Chain chain = Chain.of(this.a, this.b);
		assertThat(JobGraph.of(chain).nodes()).isEqualTo(chain.graph().nodes());
		assertThat(JobGraph.of(chain).edges()).isEqualTo(List.of(new JobGraph.Edge(this.a, this.b)));
	}

}
