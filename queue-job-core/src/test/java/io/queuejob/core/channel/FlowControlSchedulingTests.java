package io.queuejob.core.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits and paused channels in a round, from the load the runner reads.
 */
class FlowControlSchedulingTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void rateStartsNoMoreThanItsLimitMinusTheRecentStarts() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("api:10:rate=5/2s"));
		Map<String, RecentStarts> recent = Map.of("root.api", new RecentStarts(3, NOW.plusMillis(500)));
		Plan plan = scheduler.plan(NOW, load(Set.of(), recent), jobs("root.api", 8), Map.of());
		assertThat(plan.toRun()).extracting(Candidate::id).containsExactly(1L, 2L);
		assertThat(plan.wakeUpAt()).as("when the oldest start leaves the period").isEqualTo(NOW.plusMillis(500));
	}

	@Test
	void rateWithoutRecentStartsStartsUpToItsLimitAndWakesAfterAPeriod() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("api:10:rate=4/2s"));
		Plan plan = scheduler.plan(NOW, ChannelLoad.EMPTY, jobs("root.api", 8), Map.of());
		assertThat(plan.toRun()).hasSize(4);
		assertThat(plan.wakeUpAt()).isEqualTo(NOW.plusSeconds(2));
	}

	@Test
	void subChannelRateAndParentRateBothHold() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("api:10:rate=5/1m, api.slow:10:rate=2/1m"));
		List<Candidate> pending = new ArrayList<>(jobs("root.api.slow", 4));
		pending.addAll(jobs("root.api", 4, 10));
		Plan plan = scheduler.plan(NOW, ChannelLoad.EMPTY, pending, Map.of());
		assertThat(plan.toRun()).filteredOn((job) -> job.channel().equals("root.api.slow")).hasSize(2);
		assertThat(plan.toRun()).as("the parent's rate counts the sub-channel's starts").hasSize(5);
		Map<String, RecentStarts> recent = Map.of("root.api", new RecentStarts(4, NOW.plusSeconds(1)));
		Plan next = scheduler.plan(NOW, load(Set.of(), recent), jobs("root.api.slow", 4), Map.of());
		assertThat(next.toRun()).as("the parent has one start left").hasSize(1);
	}

	@Test
	void usedUpRateStartsNothing() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("api:10:rate=5/2s"));
		Map<String, RecentStarts> recent = Map.of("root.api", new RecentStarts(5, NOW.plusMillis(300)));
		Plan plan = scheduler.plan(NOW, load(Set.of(), recent), jobs("root.api", 3), Map.of());
		assertThat(plan.toRun()).isEmpty();
		assertThat(plan.wakeUpAt()).isEqualTo(NOW.plusMillis(300));
	}

	@Test
	void pausedChannelAndItsSubChannelsStartNothingWhileOthersRun() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("root:10, mail:2"));
		List<Candidate> pending = new ArrayList<>(jobs("root.mail", 2));
		pending.addAll(jobs("root.mail.bulk", 2, 10));
		pending.addAll(jobs("root.mailbox", 2, 20));
		Round round = scheduler.round(NOW, load(Set.of("root.mail"), Map.of()));
		assertThat(round.window("root.mail").limit()).isZero();
		assertThat(round.window("root.mail.bulk").limit()).isZero();
		assertThat(round.window("root.mailbox").limit()).isPositive();
		Plan plan = scheduler.plan(NOW, load(Set.of("root.mail"), Map.of()), pending, Map.of());
		assertThat(plan.toRun()).extracting(Candidate::channel).containsOnly("root.mailbox");
	}

	@Test
	void pausedRootHoldsEveryChannel() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("root:10"));
		Plan plan = scheduler.plan(NOW, load(Set.of("root"), Map.of()), jobs("root.any", 3), Map.of());
		assertThat(plan.toRun()).isEmpty();
	}

	@Test
	void pausedByNamesTheNearestPausedChannel() {
		ChannelLoad load = load(Set.of("root.mail", "root"), Map.of());
		assertThat(load.pausedBy("root.mail.bulk")).isEqualTo("root.mail");
		assertThat(load.pausedBy("mailbox")).isEqualTo("root");
		assertThat(ChannelLoad.EMPTY.pausedBy("root.mail")).isNull();
	}

	@Test
	void rateMakesTheTreeLimiting() {
		assertThat(ChannelTree.parse("api:1:rate=1/1s").isUnlimited()).isFalse();
		ChannelConfig rateOnly = new ChannelConfig("api", null, false, null, new RateLimit(1, Duration.ofSeconds(1)));
		assertThat(ChannelTree.of(List.of(rateOnly)).isUnlimited()).isFalse();
	}

	@Test
	void perKeyLimitHoldsAgainstTheRunningJobsOfTheKeyWhileOtherKeysRun() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("api:10:per-key=1"));
		List<Candidate> pending = List.of(keyed(1, "root.api", "a"), keyed(2, "root.api", "a"),
				keyed(3, "root.api", "b"), keyed(4, "root.api", "b"), keyed(5, "root.api", "c"),
				keyed(6, "root.api", null), keyed(7, "root.api", null));
		ChannelLoad load = keyLoad(Map.of("root.api", Map.of("c", 1)));
		Plan plan = scheduler.plan(NOW, load, pending, Map.of());
		assertThat(plan.toRun()).extracting(Candidate::id).containsExactly(1L, 3L, 6L, 7L);
	}

	@Test
	void keysTakeTurnsSoOneKeysBacklogDoesNotTakeEverySlot() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("api:4:per-key=2"));
		List<Candidate> pending = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			pending.add(keyed(i, "root.api", "big"));
		}
		pending.add(keyed(11, "root.api", "small"));
		pending.add(keyed(12, "root.api", "other"));
		Plan plan = scheduler.plan(NOW, ChannelLoad.EMPTY, pending, Map.of());
		assertThat(plan.toRun()).extracting(Candidate::id).containsExactly(1L, 11L, 12L, 2L);
	}

	@Test
	void windowAsksForTheLimitPerKeyAndSkipsTheFullKeys() {
		ChannelScheduler scheduler = new ChannelScheduler(
				ChannelTree.parse("api:10:per-key=2, api.eu:10:per-key=1, mail:2"));
		Round round = scheduler.round(NOW, keyLoad(Map.of("root.api.eu", Map.of("a", 1), "root.api", Map.of("b", 2))));
		WindowRequest eu = round.window("root.api.eu");
		assertThat(eu.perKey()).isEqualTo(1);
		assertThat(eu.fullKeys()).containsExactlyInAnyOrder("a", "b");
		WindowRequest api = round.window("root.api");
		assertThat(api.perKey()).isEqualTo(2);
		assertThat(api.fullKeys()).as("the sub-channel's job counts in its parent").containsExactly("b");
		assertThat(round.window("root.mail").perKey()).isNull();
	}

	@Test
	void perKeyOnAParentCountsTheKeysOfItsSubChannels() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("api:10:per-key=1"));
		List<Candidate> pending = List.of(keyed(1, "root.api.eu", "a"), keyed(2, "root.api.us", "a"),
				keyed(3, "root.api.us", "b"));
		Plan plan = scheduler.plan(NOW, ChannelLoad.EMPTY, pending, Map.of());
		assertThat(plan.toRun()).extracting(Candidate::id).containsExactly(1L, 3L);
	}

	@Test
	void perKeyMakesTheTreeLimiting() {
		assertThat(ChannelTree.parse("api:5:per-key=1").isUnlimited()).isFalse();
		ChannelConfig perKeyOnly = new ChannelConfig("api", null, false, null, null, 1);
		assertThat(ChannelTree.of(List.of(perKeyOnly)).isUnlimited()).isFalse();
	}

	private static Candidate keyed(long id, String channel, String key) {
		return new Candidate(id, channel, 10, NOW.minusSeconds(100 - id), null, key);
	}

	private static ChannelLoad keyLoad(Map<String, Map<String, Integer>> runningByKey) {
		Map<String, Integer> running = new HashMap<>();
		runningByKey
			.forEach((channel, keys) -> running.put(channel, keys.values().stream().mapToInt(Integer::intValue).sum()));
		return new ChannelLoad(running, Map.of(), Set.of(), Map.of(), runningByKey);
	}

	private static ChannelLoad load(Set<String> paused, Map<String, RecentStarts> recent) {
		return new ChannelLoad(Map.of(), Map.of(), paused, recent);
	}

	private static List<Candidate> jobs(String channel, int count) {
		return jobs(channel, count, 0);
	}

	private static List<Candidate> jobs(String channel, int count, int firstId) {
		List<Candidate> jobs = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			jobs.add(new Candidate(firstId + i, channel, 10, NOW.minusSeconds(100 - firstId - i), null));
		}
		return jobs;
	}

}
