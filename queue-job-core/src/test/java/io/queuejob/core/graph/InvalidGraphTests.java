package io.queuejob.core.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Dependencies that {@link GraphElement#graph()} rejects.
 */
class InvalidGraphTests {

	private final TestJob a = new TestJob("a");

	private final TestJob b = new TestJob("b");

	private final TestJob c = new TestJob("c");

	private final TestJob d = new TestJob("d");

	@Test
	void jobOnDoneItselfIsRejected() {
		this.a.onDone(this.a);
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(this.a::graph)
			.withMessage("Job a cannot depend on itself");
	}

	@Test
	void chainOfTheSameJobTwiceIsRejected() {
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(Chain.of(this.a, this.a)::graph)
			.withMessage("Job a cannot depend on itself");
	}

	@Test
	void groupOnDoneOneOfItsMembersIsRejected() {
		Group group = Group.of(this.a, this.b);
		group.onDone(this.b);
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(group::graph)
			.withMessage("Job b cannot depend on itself");
	}

	@Test
	void twoJobsWaitingForEachOtherAreRejectedNamingTheCycle() {
		this.a.onDone(this.b);
		this.b.onDone(this.a);
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(this.a::graph)
			.withMessage("Jobs cannot depend on each other in a cycle: a → b → a");
	}

	@Test
	void longerCycleIsNamedInDependencyOrder() {
		this.a.onDone(this.b);
		this.b.onDone(this.c);
		this.c.onDone(this.a);
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(this.a::graph)
			.withMessage("Jobs cannot depend on each other in a cycle: a → b → c → a");
	}

	@Test
	void cycleBelowAValidStartIsNamedWithoutTheJobsOutsideIt() {
		this.a.onDone(this.b);
		this.b.onDone(this.c);
		this.c.onDone(this.d, this.b);
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(this.a::graph)
			.withMessage("Jobs cannot depend on each other in a cycle: b → c → b");
	}

	@Test
	void cycleThroughChainsAndGroupsIsRejected() {
		Chain chain = Chain.of(this.a, Group.of(this.b, this.c));
		chain.onDone(this.d);
		this.d.onDone(this.c);
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(chain::graph)
			.withMessage("Jobs cannot depend on each other in a cycle: c → d → c");
	}

	@Test
	void chainThatComesBackToAnEarlierJobIsRejected() {
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(Chain.of(this.a, this.b, this.a)::graph)
			.withMessage("Jobs cannot depend on each other in a cycle: a → b → a");
	}

}
