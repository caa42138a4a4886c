package io.queuejob.spring.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.core.channel.Candidate;
import io.queuejob.core.channel.CandidateWindow;
import io.queuejob.core.channel.WindowRequest;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the store's statements under direct claims, which the default channel
 * configuration (no limits) turns on, with no runner or worker touching the jobs: the
 * workers claim ready pending jobs and enqueued ones in one order, the runner plans only
 * the jobs with an eta.
 */
@SpringBootTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class DirectClaimsStoreTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.fresh().register(registry);
	}

	@Autowired
	JdbcJobStore store;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void emptyTables() {
		this.jdbc.execute("TRUNCATE queue_job CASCADE");
	}

	@Test
	void defaultChannelsTurnDirectClaimsOn() {
		assertThat(this.store.directClaims()).isTrue();
		assertThat(new JdbcJobStore(this.jdbc, null).directClaims()).isFalse();
	}

	@Test
	void claimTakesReadyPendingAndEnqueuedJobsInTheOrderTheyRun() {
		long older = this.store.insert(job("older", 10, null));
		long enqueued = this.store.insert(job("enqueued", 10, null));
		assertThat(this.store.enqueue(List.of(enqueued))).isOne();
		long urgent = this.store.insert(job("urgent", 5, null));
		long newer = this.store.insert(job("newer", 10, null));
		assertThat(this.store.claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(urgent);
		assertThat(this.store.claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(older);
		assertThat(this.store.claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(enqueued);
		assertThat(this.store.claim(5, "node-a")).extracting(ClaimedJob::id).containsExactly(newer);
		assertThat(this.store.claim(5, "node-a")).isEmpty();
		assertThat(this.jdbc.queryForList("SELECT DISTINCT state FROM queue_job", String.class))
			.containsExactly("started");
	}

	@Test
	void jobClaimedFromPendingIsEnqueuedWhenItStarts() {
		long id = this.store.insert(job("ready", 10, null));
		ClaimedJob claimed = this.store.claim(1, "node-a").get(0);
		assertThat(claimed.id()).isEqualTo(id);
		assertThat(claimed.retry()).isOne();
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT state, worker, date_enqueued, date_started FROM queue_job WHERE id = ?", id);
		assertThat(row.get("state")).isEqualTo("started");
		assertThat(row.get("worker")).isEqualTo("node-a");
		assertThat(row.get("date_enqueued")).isNotNull().isEqualTo(row.get("date_started"));
	}

	@Test
	void claimLeavesJobsWithAnEtaToTheRunnerDueOrNot() {
		long due = this.store.insert(job("due", 10, Instant.now().minus(Duration.ofMinutes(1))));
		long later = this.store.insert(job("later", 10, Instant.now().plus(Duration.ofHours(1))));
		long waiting = this.store.insert(new NewJob(UUID.randomUUID(), null, JobState.WAIT_DEPENDENCIES, "root", 10,
				null, 5, "jobs.run", "[]", "waiting", null, null));
		assertThat(this.store.claim(10, "node-a")).isEmpty();
		assertThat(this.store.countClaimable(10)).isZero();
		assertThat(this.store.enqueue(List.of(due))).isOne();
		assertThat(this.store.claim(10, "node-a")).extracting(ClaimedJob::id).containsExactly(due);
		assertThat(states(later, waiting)).containsExactly("pending", "wait_dependencies");
	}

	@Test
	void countClaimableCountsEnqueuedAndReadyJobsUpToTheCapOfEach() {
		long enqueued = this.store.insert(job("enqueued", 10, null));
		this.store.enqueue(List.of(enqueued));
		this.store.insert(job("ready-1", 10, null));
		this.store.insert(job("ready-2", 10, null));
		this.store.insert(job("later", 10, Instant.now().plus(Duration.ofHours(1))));
		assertThat(this.store.countClaimable(10)).isEqualTo(3);
		assertThat(this.store.countClaimable(1)).isEqualTo(2);
		assertThat(this.store.countEnqueued(10)).isOne();
	}

	@Test
	void runnerSeesOnlyTheChannelsAndWindowsOfJobsWithAnEta() {
		Instant now = Instant.now();
		this.store.insert(job("ready", "root.ready", 10, null));
		long due = this.store.insert(job("due", "root.timed", 10, now.minus(Duration.ofMinutes(1))));
		Instant later = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
		this.store.insert(job("later", "root.timed", 10, later));
		assertThat(this.store.pendingChannels()).containsExactly("root.timed");
		Map<String, CandidateWindow> windows = this.store.windows(
				Map.of("root.timed", new WindowRequest(10, false), "root.ready", new WindowRequest(10, false)), now);
		assertThat(windows.get("root.timed").jobs()).extracting(Candidate::id).containsExactly(due);
		assertThat(windows.get("root.timed").complete()).isTrue();
		assertThat(windows.get("root.timed").nextEta()).isEqualTo(later);
		assertThat(windows.get("root.ready").jobs()).isEmpty();
	}

	@Test
	void storeWithoutDirectClaimsClaimsEnqueuedJobsOnly() {
		JdbcJobStore classic = new JdbcJobStore(this.jdbc, null);
		long ready = classic.insert(job("ready", 10, null));
		assertThat(classic.claim(10, "node-a")).isEmpty();
		assertThat(classic.countClaimable(10)).isZero();
		assertThat(classic.pendingChannels()).containsExactly("root");
		classic.enqueue(List.of(ready));
		assertThat(classic.claim(10, "node-a")).extracting(ClaimedJob::id).containsExactly(ready);
	}

	private List<String> states(long... ids) {
		return Arrays.stream(ids)
			.mapToObj((id) -> this.jdbc.queryForObject("SELECT state FROM queue_job WHERE id = ?", String.class, id))
			.toList();
	}

	private static NewJob job(String description, int priority, Instant eta) {
		return job(description, "root", priority, eta);
	}

	private static NewJob job(String description, String channel, int priority, Instant eta) {
		return new NewJob(UUID.randomUUID(), null, JobState.PENDING, channel, priority, eta, 5, "jobs.run", "[]",
				description, null, null);
	}

}
