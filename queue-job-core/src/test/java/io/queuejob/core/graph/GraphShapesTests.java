package io.queuejob.core.graph;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.queuejob.core.graph.GraphAssertions.assertParents;

/**
 * The graph shapes built with {@code onDone}, {@link Chain} and {@link Group}, each
 * checked as "job → its parents".
 */
class GraphShapesTests {

	private final TestJob n1 = new TestJob("n1");

	private final TestJob n2 = new TestJob("n2");

	private final TestJob n3 = new TestJob("n3");

	private final TestJob n4 = new TestJob("n4");

	private final TestJob n5 = new TestJob("n5");

	private final TestJob n6 = new TestJob("n6");

	private final TestJob n7 = new TestJob("n7");

	private final TestJob n8 = new TestJob("n8");

	@Test
	void jobOnDoneJobMakesTheSecondDependOnTheFirst() {
		this.n1.onDone(this.n2);
		assertParents(this.n1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1)));
	}

	@Test
	void jobOnDoneSeveralJobsMakesEachDependOnIt() {
		this.n1.onDone(this.n2, this.n3);
		assertParents(this.n1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n1)));
	}

	@Test
	void repeatedOnDoneCallsAddUp() {
		this.n1.onDone(this.n2);
		this.n1.onDone(this.n3);
		assertParents(this.n1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n1)));
	}

	@Test
	void groupAloneHasNoDependencies() {
		assertParents(Group.of(this.n1, this.n2, this.n3).graph(),
				Map.of(this.n1, Set.of(), this.n2, Set.of(), this.n3, Set.of()));
	}

	@Test
	void jobAfterGroupWaitsForEveryMember() {
		assertParents(Group.of(this.n1, this.n2).onDone(this.n3).graph(),
				Map.of(this.n1, Set.of(), this.n2, Set.of(), this.n3, Set.of(this.n1, this.n2)));
	}

	@Test
	void groupAfterGroupMakesEveryMemberWaitForEveryMember() {
		Group g1 = Group.of(this.n1, this.n2);
		Group g2 = Group.of(this.n3, this.n4);
		g1.onDone(g2);
		assertParents(g1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(), this.n3, Set.of(this.n1, this.n2),
				this.n4, Set.of(this.n1, this.n2)));
	}

	@Test
	void severalJobsAfterGroupEachWaitForEveryMember() {
		JobGraph graph = Group.of(this.n1, this.n2).onDone(this.n3, this.n4).graph();
		assertParents(graph, Map.of(this.n1, Set.of(), this.n2, Set.of(), this.n3, Set.of(this.n1, this.n2), this.n4,
				Set.of(this.n1, this.n2)));
	}

	@Test
	void nestedOnDoneOfSingleMemberGroupsMakesAStraightLine() {
		Group g1 = Group.of(this.n1);
		Group g2 = Group.of(this.n2);
		Group g3 = Group.of(this.n3);
		Group g4 = Group.of(this.n4);
		g1.onDone(g2.onDone(g3.onDone(g4)));
		assertParents(g1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n2), this.n4,
				Set.of(this.n3)));
	}

	@Test
	void diamondJoinsTheBranchesOfAGroup() {
		Group g1 = Group.of(this.n2, this.n3);
		g1.onDone(this.n4);
		this.n1.onDone(g1);
		assertParents(this.n1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n1),
				this.n4, Set.of(this.n2, this.n3)));
	}

	@Test
	void chainMakesEachJobDependOnThePreviousOne() {
		assertParents(Chain.of(this.n1, this.n2, this.n3).graph(),
				Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n2)));
	}

	@Test
	void chainOfOneJobIsThatJob() {
		assertParents(Chain.of(this.n1).graph(), Map.of(this.n1, Set.of()));
	}

	@Test
	void chainAfterJobStartsWithItsFirstJob() {
		this.n1.onDone(Chain.of(this.n2, this.n3, this.n4));
		assertParents(this.n1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n2),
				this.n4, Set.of(this.n3)));
	}

	@Test
	void chainAfterChainMakesOneStraightChain() {
		JobGraph graph = Chain.of(this.n1, this.n2, this.n3).onDone(Chain.of(this.n4, this.n5, this.n6)).graph();
		assertParents(graph, Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n2), this.n4,
				Set.of(this.n3), this.n5, Set.of(this.n4), this.n6, Set.of(this.n5)));
	}

	@Test
	void chainsAfterAGroupOfChainsStartWhenEveryChainOfTheGroupIsDone() {
		JobGraph graph = Group.of(Chain.of(this.n1, this.n2), Chain.of(this.n3, this.n4))
			.onDone(Chain.of(this.n5, this.n6), Chain.of(this.n7, this.n8))
			.graph();
		assertParents(graph,
				Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(), this.n4, Set.of(this.n3),
						this.n5, Set.of(this.n2, this.n4), this.n6, Set.of(this.n5), this.n7, Set.of(this.n2, this.n4),
						this.n8, Set.of(this.n7)));
	}

	@Test
	void chainHeadIsFirstElementsHeadAndChainTailIsLastElementsTail() {
		TestJob x = new TestJob("x");
		TestJob a1 = new TestJob("a1");
		TestJob a2 = new TestJob("a2");
		TestJob b1 = new TestJob("b1");
		TestJob b2 = new TestJob("b2");
		TestJob y = new TestJob("y");
		x.onDone(Chain.of(Group.of(Chain.of(a1, a2), Chain.of(b1, b2)), y));
		assertParents(x.graph(),
				Map.of(x, Set.of(), a1, Set.of(x), a2, Set.of(a1), b1, Set.of(x), b2, Set.of(b1), y, Set.of(a2, b2)));
	}

	@Test
	void groupOfChainsAfterAChainOfGroupsJoinsEveryTailToEveryHead() {
		JobGraph graph = Chain.of(this.n1, Group.of(this.n2, this.n3))
			.onDone(Group.of(Chain.of(this.n4, this.n5), Chain.of(this.n6, Group.of(this.n7, this.n8))))
			.graph();
		assertParents(graph,
				Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n1), this.n4,
						Set.of(this.n2, this.n3), this.n5, Set.of(this.n4), this.n6, Set.of(this.n2, this.n3), this.n7,
						Set.of(this.n6), this.n8, Set.of(this.n6)));
	}

	@Test
	void sameJobReachedTwiceIsOneNode() {
		this.n1.onDone(this.n2, this.n3);
		this.n2.onDone(this.n4);
		this.n3.onDone(this.n4);
		assertParents(this.n1.graph(), Map.of(this.n1, Set.of(), this.n2, Set.of(this.n1), this.n3, Set.of(this.n1),
				this.n4, Set.of(this.n2, this.n3)));
	}

}
