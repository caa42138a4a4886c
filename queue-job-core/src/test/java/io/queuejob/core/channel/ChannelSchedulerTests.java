package io.queuejob.core.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel acceptance cases of OCA queue_job (its {@code ChannelManager} and
 * {@code ChannelQueue} doctests and the additional verified behaviours), adapted to our
 * departures: a round plans and chooses at once, so a wake-up time is read after a run;
 * capacity 0 is invalid and an absent capacity means unlimited; unconfigured channels do
 * not duplicate name segments.
 */
class ChannelSchedulerTests {

	@Test
	void capacitiesNestAndPriorityWinsInTheParent() {
		SchedulerHarness cm = new SchedulerHarness("root:4,A:4,B:1");
		for (int i = 1; i <= 6; i++) {
			cm.notify("A", "A" + i, i, 0, 10, null, "pending");
		}
		cm.notify("B", "B1", 1, 0, 5, null, "pending").notify("B", "B2", 2, 0, 5, null, "pending");
		assertThat(cm.run(100)).containsExactly("B1", "A1", "A2", "A3");
		cm.done("A2");
		assertThat(cm.run(100)).as("B is full, so the next job of A runs").containsExactly("A4");
		cm.done("B1");
		assertThat(cm.run(100)).as("B2 has the higher priority").containsExactly("B2");
		cm.done("A1");
		cm.notify("A", "A6", 6, 0, 5, null, "pending");
		assertThat(cm.run(100)).as("A6 was given a higher priority").containsExactly("A6");
	}

	@Test
	void throttleStartsOneJobPerInterval() {
		SchedulerHarness cm = new SchedulerHarness("root:4,A:4:throttle=2");
		cm.pending("A", "A1", 1).pending("A", "A2", 2);
		assertThat(cm.run(100)).containsExactly("A1");
		assertThat(cm.wakeUp()).isEqualTo(102);
		assertThat(cm.run(101)).isEmpty();
		assertThat(cm.wakeUp()).isEqualTo(102);
		assertThat(cm.run(102)).as("A1 still runs, but there is capacity").containsExactly("A2");
		assertThat(cm.wakeUp()).isEqualTo(104);
	}

	@Test
	void throttledChannelAtCapacityRequestsNoWakeUp() {
		SchedulerHarness cm = new SchedulerHarness("root:4,T:2:throttle=2");
		cm.pending("T", "T1", 1).pending("T", "T2", 2).pending("T", "T3", 3);
		assertThat(cm.run(100)).containsExactly("T1");
		assertThat(cm.run(102)).containsExactly("T2");
		assertThat(cm.run(103)).as("full, although the interval is over").isEmpty();
		assertThat(cm.wakeUp()).as("no timed wake-up: a finishing job wakes the runner").isZero();
		assertThat(cm.run(104)).isEmpty();
		assertThat(cm.wakeUp()).isZero();
		cm.done("T1");
		assertThat(cm.run(105)).containsExactly("T3");
		assertThat(cm.wakeUp()).as("full again").isZero();
		cm.done("T2");
		assertThat(cm.run(105)).isEmpty();
		assertThat(cm.wakeUp()).as("capacity again, throttled until 107").isEqualTo(107);
	}

	@Test
	void etaOfARetriedJobWakesTheRunnerOnlyWhenThereIsCapacity() {
		SchedulerHarness cm = new SchedulerHarness("root:4,E:1");
		cm.pending("E", "E1", 1).pending("E", "E2", 2).pending("E", "E3", 3);
		assertThat(cm.run(100)).containsExactly("E1");
		assertThat(cm.run(101)).isEmpty();
		cm.notify("E", "E1", 1, 0, 10, 105L, "pending");
		assertThat(cm.run(102)).as("E1 waits for its eta, E2 takes the free slot").containsExactly("E2");
		assertThat(cm.wakeUp()).as("no timed wake-up without capacity").isZero();
		assertThat(cm.run(106)).as("no capacity").isEmpty();
		assertThat(cm.wakeUp()).isZero();
		cm.done("E2");
		assertThat(cm.run(107)).as("E1's eta has passed and it was created before E3").containsExactly("E1");
		assertThat(cm.wakeUp()).isZero();
	}

	@Test
	void sequentialChannelIsBlockedByFailedJobAndWaitsForEtaInOrder() {
		SchedulerHarness cm = new SchedulerHarness("root:4,S:1:sequential");
		cm.pending("S", "S1", 1).pending("S", "S2", 2).pending("S", "S3", 3);
		assertThat(cm.run(100)).containsExactly("S1");
		cm.setState("S1", "failed");
		assertThat(cm.run(101)).isEmpty();
		cm.notify("S", "S2", 2, 0, 10, 105L, "pending");
		assertThat(cm.run(102)).isEmpty();
		assertThat(cm.wakeUp()).as("no wake-up for an eta while a failed job blocks the channel").isZero();
		cm.setState("S1", "pending");
		assertThat(cm.run(102)).containsExactly("S1");
		assertThat(cm.run(103)).isEmpty();
		cm.done("S1");
		assertThat(cm.run(103)).as("S2 comes before S3 and is not due: the channel waits").isEmpty();
		assertThat(cm.wakeUp()).isEqualTo(105);
		assertThat(cm.run(105)).containsExactly("S2");
		cm.done("S2");
		assertThat(cm.run(105)).containsExactly("S3");
		cm.done("S3");
		assertThat(cm.run(105)).isEmpty();
	}

	@Test
	void etaWakesTheRunnerOnceCapacityIsBack() {
		SchedulerHarness cm = new SchedulerHarness("root:4,E:1");
		cm.pending("E", "E1", 1).notify("E", "E2", 2, 0, 10, 105L, "pending");
		assertThat(cm.run(100)).containsExactly("E1");
		assertThat(cm.wakeUp()).as("E is full").isZero();
		cm.done("E1");
		assertThat(cm.run(101)).isEmpty();
		assertThat(cm.wakeUp()).isEqualTo(105);
		assertThat(cm.run(105)).containsExactly("E2");
	}

	@Test
	void jobWithEtaIsSetAsideUntilDue() {
		SchedulerHarness q = new SchedulerHarness("root");
		q.notify("root", "j1", 0, 1, 1, 10L, "pending")
			.notify("root", "j2", 0, 2, 1, null, "pending")
			.notify("root", "j3", 0, 3, 1, null, "pending");
		assertThat(q.run(1)).containsExactly("j2", "j3");
		assertThat(q.wakeUp()).isEqualTo(10);
		assertThat(q.run(11)).containsExactly("j1");
		assertThat(q.wakeUp()).isZero();
		assertThat(q.run(12)).isEmpty();
	}

	@Test
	void jobWhoseEtaPassedCompetesByPriority() {
		SchedulerHarness q = new SchedulerHarness("root:1");
		q.notify("root", "j4", 0, 4, 10, 20L, "pending").notify("root", "j5", 0, 5, 1, null, "pending");
		assertThat(q.run(21)).containsExactly("j5");
		q.done("j5");
		assertThat(q.run(22)).containsExactly("j4");
	}

	@Test
	void sequentialChannelWaitsForAnEarlierJobWithEta() {
		SchedulerHarness sq = new SchedulerHarness("root:1:sequential");
		sq.notify("root", "j6", 0, 6, 1, null, "pending")
			.notify("root", "j7", 0, 7, 1, 20L, "pending")
			.notify("root", "j8", 0, 8, 1, null, "pending");
		assertThat(sq.run(10)).containsExactly("j6");
		sq.done("j6");
		assertThat(sq.run(15)).isEmpty();
		assertThat(sq.run(20)).containsExactly("j7");
		sq.done("j7");
		assertThat(sq.run(30)).containsExactly("j8");
	}

	@Test
	void unlimitedChannelIsLimitedByRoot() {
		SchedulerHarness cm = new SchedulerHarness("root:4,A");
		for (int i = 0; i < 6; i++) {
			cm.pending("A", "A" + i, i);
		}
		assertThat(cm.run(100)).containsExactly("A0", "A1", "A2", "A3");
	}

	@Test
	void unconfiguredChannelIsLimitedByNearestConfiguredAncestor() {
		SchedulerHarness cm = new SchedulerHarness("root:4,sub:1");
		for (int i = 0; i < 3; i++) {
			cm.pending("root.sub.x.y", "X" + i, i);
		}
		assertThat(cm.run(100)).containsExactly("X0");
	}

	@Test
	void unconfiguredChannelWithoutConfiguredAncestorIsLimitedByRoot() {
		SchedulerHarness cm = new SchedulerHarness("root:2");
		for (int i = 0; i < 3; i++) {
			cm.pending("root.foo", "F" + i, i);
		}
		assertThat(cm.run(100)).containsExactly("F0", "F1");
	}

	@Test
	void runningJobsOccupyCapacity() {
		SchedulerHarness cm = new SchedulerHarness("root:2");
		cm.notify("root", "S1", 1, 0, 10, null, "started")
			.notify("root", "S2", 2, 0, 10, null, "enqueued")
			.pending("root", "P1", 3);
		assertThat(cm.run(100)).isEmpty();
	}

	@Test
	void siblingJobsCompeteInTheParentByOrder() {
		SchedulerHarness cm = new SchedulerHarness("root:1,A:3,B:1");
		for (int i = 0; i < 4; i++) {
			cm.pending("A", "A" + i, i);
		}
		assertThat(cm.run(100)).containsExactly("A0");
		cm.notify("B", "B1", 10, 0, 1, null, "pending");
		cm.done("A0");
		assertThat(cm.run(100)).containsExactly("B1");
	}

	@Test
	void failedJobDoesNotBlockRoot() {
		SchedulerHarness cm = new SchedulerHarness("root:1");
		cm.notify("root", "F1", 1, 0, 10, null, "failed").pending("root", "P1", 2);
		assertThat(cm.run(100)).containsExactly("P1");
	}

	@Test
	void failedJobDoesNotBlockNonSequentialChannelOfCapacityOne() {
		SchedulerHarness cm = new SchedulerHarness("root:4,S:1");
		cm.notify("S", "S1", 1, 0, 10, null, "failed").pending("S", "S2", 2);
		assertThat(cm.run(100)).containsExactly("S2");
	}

	@Test
	void sequentialChannelIsUnblockedWhenFailedJobIsCancelled() {
		SchedulerHarness cm = new SchedulerHarness("root:4,S:1:sequential");
		cm.notify("S", "S1", 1, 0, 10, null, "failed").pending("S", "S2", 2);
		assertThat(cm.run(100)).isEmpty();
		cm.setState("S1", "cancelled");
		assertThat(cm.run(100)).containsExactly("S2");
	}

	@Test
	void creationTimeIsComparedBeforeSequence() {
		SchedulerHarness cm = new SchedulerHarness("root:3");
		cm.notify("root", "a", 5, 20, 10, null, "pending")
			.notify("root", "b", 3, 20, 10, null, "pending")
			.notify("root", "c", 9, 10, 10, null, "pending");
		assertThat(cm.run(100)).containsExactly("c", "b", "a");
	}

	@Test
	void jobWhoseEtaPassedCompetesNormally() {
		SchedulerHarness cm = new SchedulerHarness("root:3");
		cm.notify("root", "n1", 1, 0, 10, null, "pending").notify("root", "e1", 2, 0, 10, 50L, "pending");
		assertThat(cm.run(100)).containsExactly("n1", "e1");
	}

	@Test
	void etaInTheFutureSetsTheWakeUp() {
		SchedulerHarness cm = new SchedulerHarness("root:4");
		cm.notify("root", "E", 1, 0, 10, 500L, "pending");
		assertThat(cm.run(100)).isEmpty();
		assertThat(cm.wakeUp()).isEqualTo(500);
		assertThat(cm.run(500)).containsExactly("E");
	}

	@Test
	void jobWaitingForDependenciesIsNotScheduled() {
		SchedulerHarness cm = new SchedulerHarness("root:4");
		cm.notify("root", "W", 1, 0, 10, null, "wait_dependencies");
		assertThat(cm.run(100)).isEmpty();
		assertThat(cm.wakeUp()).isZero();
	}

	@Test
	void throttleIntervalStartsOnlyWhenAJobIsChosen() {
		SchedulerHarness cm = new SchedulerHarness("root:1,T:1:throttle=10");
		cm.notify("root", "R", 1, 0, 1, null, "pending").pending("T", "T1", 2);
		assertThat(cm.run(100)).as("root is full with R; T1 was not started").containsExactly("R");
		cm.done("R");
		assertThat(cm.run(101)).as("T was not throttled by a job it did not start").containsExactly("T1");
	}

	@Test
	void windowAsksForNoMoreThanTheChannelCanStart() {
		ChannelScheduler scheduler = new ChannelScheduler(ChannelTree.parse("root:10,A:3,B:1:sequential"), 50);
		Round round = scheduler.round(java.time.Instant.EPOCH,
				new ChannelLoad(java.util.Map.of("root.A", 1), java.util.Map.of()));
		assertThat(round.window("A")).isEqualTo(new WindowRequest(2, false));
		assertThat(round.window("root.B.x")).isEqualTo(new WindowRequest(1, true));
		assertThat(round.window("C")).as("A's running job counts in root").isEqualTo(new WindowRequest(9, false));
		Round unlimited = new ChannelScheduler(ChannelTree.parse("A:3"), 50).round(java.time.Instant.EPOCH,
				ChannelLoad.EMPTY);
		assertThat(unlimited.window("other")).as("capped by the maximum window")
			.isEqualTo(new WindowRequest(50, false));
	}

	@Test
	void truncatedWindowStopsDecisionsOnItsPathAndAsksForAnotherRound() {
		SchedulerHarness cm = new SchedulerHarness("root", 2);
		for (int i = 0; i < 5; i++) {
			cm.pending("root", "J" + i, i);
		}
		assertThat(cm.run(100)).containsExactly("J0", "J1", "J2", "J3", "J4");
		assertThat(cm.rounds()).isEqualTo(3);
	}

}
