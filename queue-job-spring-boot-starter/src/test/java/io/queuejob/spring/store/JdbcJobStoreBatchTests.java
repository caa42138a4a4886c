package io.queuejob.spring.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the batched moves to done of {@link JdbcJobStore#markAllDone}, with no runner
 * or worker touching the jobs.
 */
@SpringBootTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class JdbcJobStoreBatchTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.fresh().register(registry);
	}

	@Autowired
	JdbcJobStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@BeforeEach
	void emptyTables() {
		this.jdbc.execute("TRUNCATE queue_job CASCADE");
	}

	@Test
	void markAllDoneWritesEveryJobOfItsTryAndSkipsTheOthers() {
		List<ClaimedJob> claimed = claim(3);
		ClaimedJob other = claimed.get(2);
		ClaimedJob wrongTry = new ClaimedJob(other.id(), other.uuid(), other.jobFunction(), other.argumentsJson(),
				other.channel(), other.retry() + 1, other.maxRetries(), other.worker(), other.description());
		List<ClaimedJob> outcome = List.of(claimed.get(0), claimed.get(1), wrongTry);
		Set<Long> done = this.transaction
			.execute((status) -> this.store.markAllDone(outcome, Arrays.asList("one", null, "three")));
		assertThat(done).containsExactlyInAnyOrder(claimed.get(0).id(), claimed.get(1).id());
		assertThat(this.jdbc.queryForList("SELECT state FROM queue_job ORDER BY id", String.class))
			.containsExactly("done", "done", "started");
		assertThat(this.jdbc.queryForObject("SELECT result FROM queue_job WHERE id = ?", String.class,
				claimed.get(0).id()))
			.isEqualTo("one");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE exec_time_ms IS NOT NULL",
				Integer.class))
			.isEqualTo(2);
	}

	@Test
	void markAllDoneReleasesAChildOnceAllItsParentsAreDone() {
		List<ClaimedJob> parents = claim(2);
		Long child = this.store.insert(job(JobState.WAIT_DEPENDENCIES));
		parents.forEach((parent) -> this.store.insertDependency(parent.id(), child));
		this.transaction.execute((status) -> this.store.markAllDone(List.of(parents.get(0)), Arrays.asList("a")));
		assertThat(state(child)).isEqualTo("wait_dependencies");
		this.transaction.execute((status) -> this.store.markAllDone(List.of(parents.get(1)), Arrays.asList("b")));
		assertThat(state(child)).isEqualTo("pending");
	}

	@Test
	void markAllDoneOfBothParentsInOneBatchReleasesTheChild() {
		List<ClaimedJob> parents = claim(2);
		Long child = this.store.insert(job(JobState.WAIT_DEPENDENCIES));
		parents.forEach((parent) -> this.store.insertDependency(parent.id(), child));
		Set<Long> done = this.transaction.execute((status) -> this.store.markAllDone(parents, Arrays.asList("a", "b")));
		assertThat(done).hasSize(2);
		assertThat(state(child)).isEqualTo("pending");
	}

	@Test
	void countEnqueuedCountsEnqueuedJobsOnlyUpToTheCap() {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(this.store.insert(job(JobState.PENDING)));
		}
		this.store.insert(job(JobState.PENDING));
		this.store.enqueue(ids);
		assertThat(this.store.countEnqueued(10)).isEqualTo(3);
		assertThat(this.store.countEnqueued(2)).isEqualTo(2);
		this.store.claim(1, "node-a");
		assertThat(this.store.countEnqueued(10)).isEqualTo(2);
	}

	private String state(Long id) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE id = ?", String.class, id);
	}

	private List<ClaimedJob> claim(int count) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(this.store.insert(job(JobState.PENDING)));
		}
		assertThat(this.store.enqueue(ids)).isEqualTo(count);
		List<ClaimedJob> claimed = new ArrayList<>(this.store.claim(count, "node-a"));
		claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
		assertThat(claimed).hasSize(count);
		return claimed;
	}

	private static NewJob job(JobState state) {
		return new NewJob(UUID.randomUUID(), null, state, "root", 10, null, 5, "jobs.run", "[]", "a job", null, null);
	}

}
