package io.queuejob.spring.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.queuejob.core.JobState;
import io.queuejob.core.channel.Candidate;
import io.queuejob.core.channel.CandidateWindow;
import io.queuejob.core.channel.WindowRequest;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores when jobs reach the workers through the runner (a channel limits its jobs),
 * through the contract and on their own: the workers claim enqueued jobs only, and the
 * runner plans every pending job.
 */
class RunnerClaimsJobStoresTests extends JobStoresContractTests {

	private static final TestDatabase database = TestDatabase.fresh();

	RunnerClaimsJobStoresTests() {
		super(database, false);
	}

	@Test
	void rolesAnswerForClaimsThroughTheRunner() {
		assertThat(this.stores.directClaims()).isFalse();
		assertThat(this.stores.workers().claimsReadyJobs()).isFalse();
		assertThat(this.stores.runner().plansReadyJobs()).isTrue();
		assertThat(this.stores.enqueue().channelToNotify(JobState.PENDING, null)).isEqualTo(JobStores.RUNNER_CHANNEL);
	}

	@Test
	void claimTakesEnqueuedJobsOnly() {
		long ready = insert(job("ready", 10, null));
		assertThat(this.stores.workers().claim(10, "node-a")).isEmpty();
		assertThat(this.stores.workers().countClaimable(10)).isZero();
		this.stores.runner().enqueue(List.of(ready));
		assertThat(this.stores.workers().countClaimable(10)).isOne();
		assertThat(this.stores.workers().claim(10, "node-a")).extracting(ClaimedJob::id).containsExactly(ready);
	}

	@Test
	void runnerSeesTheChannelsAndWindowsOfEveryPendingJob() {
		Instant now = Instant.now();
		long ready = insert(job("ready", "root.ready", 10, null));
		long due = insert(job("due", "root.timed", 10, now.minus(Duration.ofMinutes(1))));
		Instant later = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
		long notDue = insert(job("later", "root.timed", 10, later));
		RunnerStore runner = this.stores.runner();
		assertThat(runner.pendingChannels()).containsExactly("root.ready", "root.timed");
		Map<String, CandidateWindow> windows = runner.windows(
				Map.of("root.timed", new WindowRequest(10, false), "root.ready", new WindowRequest(10, false)), now);
		assertThat(windows.get("root.ready").jobs()).extracting(Candidate::id).containsExactly(ready);
		assertThat(windows.get("root.timed").jobs()).extracting(Candidate::id).containsExactly(due);
		assertThat(windows.get("root.timed").nextEta()).isEqualTo(later);
		CandidateWindow withNotDue = runner.windows(Map.of("root.timed", new WindowRequest(10, true)), now)
			.get("root.timed");
		assertThat(withNotDue.jobs()).extracting(Candidate::id).containsExactly(due, notDue);
		assertThat(withNotDue.complete()).isTrue();
		CandidateWindow firstOnly = runner.windows(Map.of("root.timed", new WindowRequest(1, true)), now)
			.get("root.timed");
		assertThat(firstOnly.jobs()).extracting(Candidate::id).containsExactly(due);
		assertThat(firstOnly.complete()).isFalse();
	}

}
