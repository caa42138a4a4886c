package io.queuejob.spring.internal.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.queuejob.spring.schedule.MissedOccurrences;

/**
 * Which of a schedule's due occurrences become jobs. An occurrence is on time while it is
 * late by at most the missed-after time, and always becomes a job; an older one is
 * missed, and the missed-occurrence policy decides: none ({@code skip}), the latest
 * ({@code last}), or the latest up to the catch-up maximum ({@code all}).
 *
 * @param toMaterialise the occurrences to store a job for, earliest first
 * @param missed how many occurrences were missed and dropped (counted up to a bound, past
 * which a long outage of a frequent schedule is jumped over)
 * @param next the first occurrence after the due ones, or {@code null} if none
 */
record OccurrencePlan(List<Instant> toMaterialise, long missed, Instant next) {

	/** How many occurrences are walked at most before the walk jumps close to now. */
	static final int MAX_WALK = 100_000;

	/**
	 * Plan a schedule's due occurrences.
	 * @param timing the schedule's timing
	 * @param first its next occurrence, due
	 * @param now the database's time
	 * @param policy its missed-occurrence policy
	 * @param missedAfter how late an occurrence may be before it counts as missed
	 * @param maxCatchUp the most missed occurrences that {@code all} stores
	 * @return the plan
	 */
	static OccurrencePlan of(ScheduleTiming timing, Instant first, Instant now, MissedOccurrences policy,
			Duration missedAfter, int maxCatchUp) {
		if (timing.isFixedDelay()) {
			return new OccurrencePlan(List.of(first), 0, null);
		}
		int keep = switch (policy) {
			case SKIP -> 0;
			case LAST -> 1;
			case ALL -> maxCatchUp;
		};
		Instant missedBefore = now.minus(missedAfter);
		Deque<Instant> kept = new ArrayDeque<>();
		List<Instant> onTime = new ArrayList<>();
		long missed = 0;
		int walked = 0;
		Instant occurrence = first;
		while (occurrence != null && !occurrence.isAfter(now)) {
			if (occurrence.isBefore(missedBefore)) {
				kept.addLast(occurrence);
				if (kept.size() > keep) {
					kept.removeFirst();
					missed++;
				}
			}
			else {
				onTime.add(occurrence);
			}
			occurrence = timing.next(occurrence);
			if (++walked == MAX_WALK && occurrence != null && occurrence.isBefore(missedBefore)) {
				// a frequent schedule after a long outage: the occurrences left to walk
				// are missed but for the latest ones, which lie within a day of now
				Instant jump = timing.next(missedBefore.minus(Duration.ofDays(1)));
				occurrence = (jump != null && jump.isAfter(occurrence)) ? jump : occurrence;
			}
		}
		List<Instant> toMaterialise = new ArrayList<>(kept);
		toMaterialise.addAll(onTime);
		return new OccurrencePlan(List.copyOf(toMaterialise), missed, occurrence);
	}

}
