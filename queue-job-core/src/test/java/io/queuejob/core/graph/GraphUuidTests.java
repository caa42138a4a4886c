package io.queuejob.core.graph;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The uuid shared by the jobs of a graph.
 */
class GraphUuidTests {

	private static final UUID EXISTING = UUID.fromString("7d3c0a52-1c5b-4c1e-9a57-2f0d8f6f3a10");

	private static final UUID OTHER = UUID.fromString("0b9e7c44-8d21-4f6a-b3c5-6e1a2d4c5b70");

	@Test
	void singleJobHasNoGraphUuid() {
		JobGraph graph = new TestJob("a").graph();
		assertThat(graph.isSingle()).isTrue();
		assertThat(graph.graphUuid()).isNull();
	}

	@Test
	void singleJobHasNoGraphUuidEvenWhenStoredInAGraphBefore() {
		assertThat(new TestJob("a", EXISTING).graph().graphUuid()).isNull();
	}

	@Test
	void groupOfOneJobIsSingle() {
		assertThat(Group.of(new TestJob("a")).graph().isSingle()).isTrue();
	}

	@Test
	void severalJobsShareAGraphUuidThatStaysTheSame() {
		JobGraph graph = Group.of(new TestJob("a"), new TestJob("b")).graph();
		assertThat(graph.isSingle()).isFalse();
		assertThat(graph.graphUuid()).isNotNull().isEqualTo(graph.graphUuid());
	}

	@Test
	void eachNewGraphDrawsItsOwnUuid() {
		Chain chain = Chain.of(new TestJob("a"), new TestJob("b"));
		assertThat(chain.graph().graphUuid()).isNotEqualTo(chain.graph().graphUuid());
	}

	@Test
	void graphUuidOfAJobStoredBeforeIsReused() {
		TestJob stored = new TestJob("stored", EXISTING);
		TestJob alsoStored = new TestJob("alsoStored", EXISTING);
		JobGraph graph = Chain.of(new TestJob("a"), stored, alsoStored, new TestJob("b")).graph();
		assertThat(graph.graphUuid()).isEqualTo(EXISTING);
	}

	@Test
	void jobsFromTwoStoredGraphsAreRejected() {
		Group group = Group.of(new TestJob("a", EXISTING), new TestJob("b", OTHER), new TestJob("c"));
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(group::graph)
			.withMessageStartingWith("Jobs cannot have dependencies between several graphs: ")
			.withMessageContaining("a is in graph " + EXISTING)
			.withMessageContaining("b is in graph " + OTHER);
	}

}
