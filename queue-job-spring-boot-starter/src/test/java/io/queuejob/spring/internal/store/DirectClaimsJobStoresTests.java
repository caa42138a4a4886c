package io.queuejob.spring.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.core.channel.Candidate;
import io.queuejob.core.channel.CandidateWindow;
import io.queuejob.core.channel.WindowRequest;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores under direct claims, through the contract and on their own: the workers
 * claim ready pending jobs and enqueued ones in one order, the runner plans only the jobs
 * with an eta.
 */
class DirectClaimsJobStoresTests extends JobStoresContractTests {

	private static final TestDatabase database = TestDatabase.fresh();

	DirectClaimsJobStoresTests() {
		super(database, true);
	}

	@Test
	void rolesAnswerForDirectClaims() {
		assertThat(this.stores.directClaims()).isTrue();
		assertThat(this.stores.workers().claimsReadyJobs()).isTrue();
		assertThat(this.stores.runner().plansReadyJobs()).isFalse();
		EnqueueStore enqueue = this.stores.enqueue();
		assertThat(enqueue.channelToNotify(JobState.PENDING, null)).isEqualTo(JobStores.WORKERS_CHANNEL);
		assertThat(enqueue.channelToNotify(JobState.PENDING, Instant.now())).isEqualTo(JobStores.RUNNER_CHANNEL);
		assertThat(enqueue.channelToNotify(JobState.WAIT_DEPENDENCIES, null)).isEqualTo(JobStores.RUNNER_CHANNEL);
	}

	@Test
	void claimTakesReadyPendingAndEnqueuedJobsInTheOrderTheyRun() {
		long older = insert(job("older", 10, null));
		long enqueued = insert(job("enqueued", 10, null));
		assertThat(this.stores.runner().enqueue(List.of(enqueued))).isOne();
		long urgent = insert(job("urgent", 5, null));
		long newer = insert(job("newer", 10, null));
		WorkerStore workers = this.stores.workers();
		assertThat(workers.claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(urgent);
		assertThat(workers.claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(older);
		assertThat(workers.claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(enqueued);
		assertThat(workers.claim(5, "node-a")).extracting(ClaimedJob::id).containsExactly(newer);
		assertThat(workers.claim(5, "node-a")).isEmpty();
		assertThat(this.jdbc.queryForList("SELECT DISTINCT state FROM queue_job", String.class))
			.containsExactly("started");
	}

	@Test
	void jobClaimedFromPendingIsEnqueuedWhenItStarts() {
		long id = insert(job("ready", 10, null));
		ClaimedJob claimed = this.stores.workers().claim(1, "node-a").get(0);
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
		long due = insert(job("due", 10, Instant.now().minus(Duration.ofMinutes(1))));
		long later = insert(job("later", 10, Instant.now().plus(Duration.ofHours(1))));
		long waiting = insert(new NewJob(UUID.randomUUID(), null, JobState.WAIT_DEPENDENCIES, "root", 10, null, 5,
				"jobs.run", "[]", "waiting", null, null));
		assertThat(this.stores.workers().claim(10, "node-a")).isEmpty();
		assertThat(this.stores.workers().countClaimable(10)).isZero();
		assertThat(this.stores.runner().enqueue(List.of(due))).isOne();
		assertThat(this.stores.workers().claim(10, "node-a")).extracting(ClaimedJob::id).containsExactly(due);
		assertThat(List.of(state(later), state(waiting))).containsExactly("pending", "wait_dependencies");
	}

	@Test
	void countClaimableCountsEnqueuedAndReadyJobsUpToTheCapOfEach() {
		long enqueued = insert(job("enqueued", 10, null));
		this.stores.runner().enqueue(List.of(enqueued));
		insert(job("ready-1", 10, null));
		insert(job("ready-2", 10, null));
		insert(job("later", 10, Instant.now().plus(Duration.ofHours(1))));
		assertThat(this.stores.workers().countClaimable(10)).isEqualTo(3);
		assertThat(this.stores.workers().countClaimable(1)).isEqualTo(2);
		assertThat(this.stores.runner().countEnqueued(10)).isOne();
	}

	@Test
	void runnerSeesOnlyTheChannelsAndWindowsOfJobsWithAnEta() {
		Instant now = Instant.now();
		insert(job("ready", "root.ready", 10, null));
		long due = insert(job("due", "root.timed", 10, now.minus(Duration.ofMinutes(1))));
		Instant later = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
		insert(job("later", "root.timed", 10, later));
		RunnerStore runner = this.stores.runner();
		assertThat(runner.pendingChannels()).containsExactly("root.timed");
		Map<String, CandidateWindow> windows = runner.windows(
				Map.of("root.timed", new WindowRequest(10, false), "root.ready", new WindowRequest(10, false)), now);
		assertThat(windows.get("root.timed").jobs()).extracting(Candidate::id).containsExactly(due);
		assertThat(windows.get("root.timed").complete()).isTrue();
		assertThat(windows.get("root.timed").nextEta()).isEqualTo(later);
		assertThat(windows.get("root.ready").jobs()).isEmpty();
	}

}
