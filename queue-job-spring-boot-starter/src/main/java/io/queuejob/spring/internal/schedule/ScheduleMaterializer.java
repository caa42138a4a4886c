package io.queuejob.spring.internal.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.queuejob.spring.internal.enqueue.OccurrenceJobs;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.store.JdbcScheduleStore;
import io.queuejob.spring.internal.store.NewJob;
import io.queuejob.spring.internal.store.StoredSchedule;
import io.queuejob.spring.schedule.Overlap;
import io.queuejob.spring.schedule.ScheduleDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Materialises the due occurrences of the schedules as jobs, on the node that holds the
 * runner role. Each schedule is handled in a transaction of its own that locks its row,
 * re-checks with the database's clock that it is due, stores its occurrences' jobs and
 * moves its next occurrence on, so that an occurrence becomes a job once: a second runner
 * finds the row locked or no longer due, and the unique index on
 * {@code (schedule, scheduled_at)} refuses a second job for an occurrence in any case.
 * Internal.
 */
public final class ScheduleMaterializer {

	private static final int BATCH = 100;

	private static final Log logger = LogFactory.getLog(ScheduleMaterializer.class);

	private final JdbcScheduleStore store;

	private final JobFunctionRegistry functions;

	private final OccurrenceJobs jobs;

	private final TransactionOperations transaction;

	private final Duration missedAfter;

	private final int maxCatchUp;

	private final ScheduleObserver observer;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Create the materialiser.
	 * @param store the schedule store
	 * @param functions the job functions
	 * @param jobs builds the occurrences' jobs
	 * @param transaction runs each schedule's materialisation in a transaction
	 * @param missedAfter how late an occurrence may be before it counts as missed
	 * @param maxCatchUp the most missed occurrences the {@code all} policy stores at once
	 * @param observer told of materialised, skipped and missed occurrences
	 */
	public ScheduleMaterializer(JdbcScheduleStore store, JobFunctionRegistry functions, OccurrenceJobs jobs,
			TransactionOperations transaction, Duration missedAfter, int maxCatchUp, ScheduleObserver observer) {
		this.store = store;
		this.functions = functions;
		this.jobs = jobs;
		this.transaction = transaction;
		this.missedAfter = missedAfter;
		this.maxCatchUp = maxCatchUp;
		this.observer = observer;
	}

	/**
	 * Materialise every due occurrence now.
	 * @return how long until the next schedule falls due, or {@code null} if none is to
	 */
	public Duration materialise() {
		this.store.releaseFixedDelays();
		List<String> due;
		do {
			due = this.store.dueNames(BATCH);
			int handled = 0;
			for (String name : due) {
				Boolean done = this.transaction.execute((status) -> materialise(name));
				handled += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			if (handled == 0) {
				break;
			}
		}
		while (due.size() == BATCH);
		return this.store.untilNextDue();
	}

	/**
	 * Materialise a schedule's due occurrences, in the caller's transaction.
	 * @return whether the schedule moved on
	 */
	private boolean materialise(String name) {
		JdbcScheduleStore.Due due = this.store.lockDue(name);
		if (due == null) {
			return false;
		}
		StoredSchedule schedule = due.schedule();
		ScheduleDefinition definition = schedule.definition();
		JobFunction function = this.functions.find(definition.function());
		ScheduleTiming timing;
		try {
			if (function == null) {
				throw new IllegalArgumentException(
						"Schedule '" + name + "': no job function " + definition.function() + " in this application");
			}
			timing = ScheduleTiming.of(definition);
		}
		catch (IllegalArgumentException ex) {
			if (this.warned.add(name)) {
				logger.warn(ex.getMessage() + "; its occurrences wait for a runner that can materialise them");
			}
			return false;
		}
		Instant now = due.now();
		Instant next = schedule.nextOccurrence();
		Overlap overlap = definition.overlap();
		if (overlap != Overlap.ALLOW && schedule.lastJobUnfinished()) {
			if (overlap == Overlap.QUEUE) {
				return false;
			}
			OccurrencePlan dropped = OccurrencePlan.of(timing, next, now, definition.missed(), this.missedAfter,
					this.maxCatchUp);
			this.observer.skipped(name, dropped.toMaterialise().size());
			this.observer.missed(name, dropped.missed());
			this.store.advance(name, dropped.next(), null, null);
			return true;
		}
		if (overlap == Overlap.QUEUE && schedule.lastJobEnd() != null && !next.isAfter(schedule.lastJobEnd())) {
			// held back while the previous job ran: its turn now, whatever its lateness
			this.store.advance(name, timing.next(next), next, store(schedule, function, next));
			return true;
		}
		OccurrencePlan plan = OccurrencePlan.of(timing, next, now, definition.missed(), this.missedAfter,
				this.maxCatchUp);
		this.observer.missed(name, plan.missed());
		List<Instant> occurrences = plan.toMaterialise();
		Instant after = plan.next();
		if (overlap == Overlap.QUEUE && occurrences.size() > 1) {
			// one at a time: the next waits, due, for this one's job to end
			after = occurrences.get(1);
			occurrences = occurrences.subList(0, 1);
		}
		else if (overlap == Overlap.SKIP && occurrences.size() > 1) {
			this.observer.skipped(name, occurrences.size() - 1);
			occurrences = occurrences.subList(occurrences.size() - 1, occurrences.size());
		}
		Instant last = null;
		UUID lastJob = null;
		for (Instant occurrence : occurrences) {
			UUID job = store(schedule, function, occurrence);
			last = occurrence;
			lastJob = (job != null) ? job : lastJob;
		}
		this.store.advance(name, after, last, lastJob);
		return true;
	}

	/**
	 * Store the job of an occurrence.
	 * @return its uuid, or {@code null} when a waiting job holds its identity key
	 */
	private UUID store(StoredSchedule schedule, JobFunction function, Instant occurrence) {
		String name = schedule.definition().name();
		NewJob row = this.jobs.row(function, schedule.definition().arguments(), name);
		if (!this.store.insertJob(row, name, occurrence, this.jobs.channel())) {
			this.observer.skipped(name, 1);
			return null;
		}
		this.jobs.stored(row);
		this.observer.materialised(name, 1);
		return row.uuid();
	}

}
