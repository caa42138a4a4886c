package io.queuejob.spring.internal.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.queuejob.spring.schedule.MissedOccurrences;
import io.queuejob.spring.schedule.ScheduleDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The occurrences of a schedule and which of the due ones become jobs: on-time ones
 * always, missed ones by the policy; the zone's daylight-saving changes; invalid timings
 * rejected naming the schedule.
 */
class OccurrencePlanTests {

	private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private static final Duration MISSED_AFTER = Duration.ofMinutes(1);

	private static final ScheduleTiming HOURLY = ScheduleTiming
		.of(ScheduleDefinition.cron("hourly", "jobs.run", "0 0 * * * *"));

	private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

	@Test
	void onTimeOccurrenceIsMaterialisedAndTheNextOneFollows() {
		OccurrencePlan plan = OccurrencePlan.of(HOURLY, NOON, NOON.plusSeconds(20), MissedOccurrences.SKIP,
				MISSED_AFTER, 100);
		assertThat(plan.toMaterialise()).containsExactly(NOON);
		assertThat(plan.missed()).isZero();
		assertThat(plan.next()).isEqualTo(NOON.plus(Duration.ofHours(1)));
	}

	@Test
	void skipDropsEveryOccurrenceMissedDuringAnOutage() {
		// down from 12:00 to 17:00:30: 12:00 … 17:00 fell due, 17:00 is on time
		Instant now = NOON.plus(Duration.ofHours(5)).plusSeconds(30);
		OccurrencePlan plan = OccurrencePlan.of(HOURLY, NOON, now, MissedOccurrences.SKIP, MISSED_AFTER, 100);
		assertThat(plan.toMaterialise()).containsExactly(NOON.plus(Duration.ofHours(5)));
		assertThat(plan.missed()).isEqualTo(5);
		assertThat(plan.next()).isEqualTo(NOON.plus(Duration.ofHours(6)));
	}

	@Test
	void lastKeepsTheLatestMissedOccurrence() {
		Instant now = NOON.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(30));
		OccurrencePlan plan = OccurrencePlan.of(HOURLY, NOON, now, MissedOccurrences.LAST, MISSED_AFTER, 100);
		assertThat(plan.toMaterialise()).containsExactly(NOON.plus(Duration.ofHours(4)));
		assertThat(plan.missed()).isEqualTo(4);
		assertThat(plan.next()).isEqualTo(NOON.plus(Duration.ofHours(5)));
	}

	@Test
	void allKeepsTheLatestMissedOccurrencesUpToTheMaximum() {
		Instant now = NOON.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(30));
		OccurrencePlan all = OccurrencePlan.of(HOURLY, NOON, now, MissedOccurrences.ALL, MISSED_AFTER, 100);
		assertThat(all.toMaterialise()).hasSize(5).startsWith(NOON).endsWith(NOON.plus(Duration.ofHours(4)));
		assertThat(all.missed()).isZero();
		OccurrencePlan bounded = OccurrencePlan.of(HOURLY, NOON, now, MissedOccurrences.ALL, MISSED_AFTER, 2);
		assertThat(bounded.toMaterialise()).containsExactly(NOON.plus(Duration.ofHours(3)),
				NOON.plus(Duration.ofHours(4)));
		assertThat(bounded.missed()).isEqualTo(3);
	}

	@Test
	void longOutageOfAFrequentScheduleIsJumpedOver() {
		ScheduleTiming everySecond = ScheduleTiming
			.of(ScheduleDefinition.fixedRate("fast", "jobs.run", Duration.ofSeconds(1)));
		Instant now = NOON.plus(Duration.ofDays(30));
		OccurrencePlan plan = OccurrencePlan.of(everySecond, NOON, now, MissedOccurrences.LAST, MISSED_AFTER, 100);
		assertThat(plan.toMaterialise()).hasSizeGreaterThan(1).allMatch((o) -> !o.isAfter(now));
		assertThat(plan.toMaterialise().get(plan.toMaterialise().size() - 1)).isEqualTo(now);
		assertThat(plan.next()).isEqualTo(now.plusSeconds(1));
		assertThat(plan.missed()).isGreaterThanOrEqualTo(OccurrencePlan.MAX_WALK - 1);
	}

	@Test
	void cronFollowsTheZoneAcrossDaylightSavingChanges() {
		ScheduleTiming daily = ScheduleTiming
			.of(ScheduleDefinition.cron("night", "jobs.run", "0 30 2 * * *").withZone("Europe/Brussels"));
		// 29 March 2026: 02:00 → 03:00, so 02:30 does not exist that night
		List<LocalDateTime> spring = local(daily, Instant.parse("2026-03-27T12:00:00Z"), 4);
		assertThat(spring).containsExactly(LocalDateTime.parse("2026-03-28T02:30"),
				LocalDateTime.parse("2026-03-30T02:30"), LocalDateTime.parse("2026-03-31T02:30"),
				LocalDateTime.parse("2026-04-01T02:30"));
		// 25 October 2026: 03:00 → 02:00, so 02:30 happens twice; it runs once
		List<Instant> autumn = occurrences(daily, Instant.parse("2026-10-24T12:00:00Z"), 3);
		assertThat(autumn).containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"),
				Instant.parse("2026-10-27T01:30:00Z"));
		// the same local time, 47 instead of 48 hours apart across the change
		assertThat(Duration.between(spring.get(0).atZone(BRUSSELS), spring.get(1).atZone(BRUSSELS)))
			.isEqualTo(Duration.ofHours(47));
	}

	@Test
	void hourlyCronHasTwentyThreeOccurrencesOnTheShortDay() {
		Instant start = LocalDateTime.parse("2026-03-29T00:00").atZone(BRUSSELS).toInstant();
		Instant end = LocalDateTime.parse("2026-03-30T00:00").atZone(BRUSSELS).toInstant();
		OccurrencePlan plan = OccurrencePlan.of(HOURLY, start, end.minusSeconds(1), MissedOccurrences.ALL,
				Duration.ofDays(2), 1000);
		assertThat(plan.toMaterialise()).hasSize(23);
	}

	@Test
	void fixedDelayMaterialisesItsOneOccurrenceAndWaitsForTheJob() {
		ScheduleTiming delay = ScheduleTiming
			.of(ScheduleDefinition.fixedDelay("poll", "jobs.run", Duration.ofSeconds(30)));
		OccurrencePlan plan = OccurrencePlan.of(delay, NOON, NOON.plus(Duration.ofHours(1)), MissedOccurrences.SKIP,
				MISSED_AFTER, 100);
		assertThat(plan.toMaterialise()).containsExactly(NOON);
		assertThat(plan.next()).isNull();
	}

	@Test
	void invalidTimingsAreRejectedNamingTheSchedule() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScheduleTiming.of(ScheduleDefinition.cron("bad", "jobs.run", "0 0 25 * * *")))
			.withMessageContaining("Schedule 'bad': invalid cron expression '0 0 25 * * *'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScheduleTiming
				.of(ScheduleDefinition.cron("zoned", "jobs.run", "@daily").withZone("Europe/Atlantis")))
			.withMessageContaining("Schedule 'zoned': unknown time zone 'Europe/Atlantis'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScheduleTiming.of(new ScheduleDefinition("both", "jobs.run", "@daily",
					Duration.ofMinutes(5), null, null, null, true, null, null)))
			.withMessageContaining("Schedule 'both' needs exactly one of");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScheduleTiming.of(ScheduleDefinition.fixedRate("zero", "jobs.run", Duration.ZERO)))
			.withMessageContaining("Schedule 'zero': the fixed rate must be at least a millisecond");
	}

	private static List<Instant> occurrences(ScheduleTiming timing, Instant from, int count) {
		List<Instant> occurrences = new ArrayList<>();
		Instant occurrence = timing.next(from);
		while (occurrences.size() < count) {
			occurrences.add(occurrence);
			occurrence = timing.next(occurrence);
		}
		return occurrences;
	}

	private static List<LocalDateTime> local(ScheduleTiming timing, Instant from, int count) {
		return occurrences(timing, from, count).stream()
			.map((occurrence) -> LocalDateTime.ofInstant(occurrence, BRUSSELS))
			.toList();
	}

}
