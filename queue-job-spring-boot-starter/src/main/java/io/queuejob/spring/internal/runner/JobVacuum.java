package io.queuejob.spring.internal.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.JobVacuumStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionOperations;

/**
 * The autovacuum: deletes {@code done} and {@code cancelled} jobs whose channel's removal
 * interval has passed since they finished. It runs on the runner's node only, in a thread
 * of its own so that it never delays a scheduling round: a first time shortly after the
 * node becomes the runner, then every interval. Jobs are deleted in small batches, each
 * in its own short transaction, so that the table is never locked for long. It also
 * deletes the minutes of the per-minute rollup older than two days.
 * <p>
 * With the history on, it also moves the jobs that finished more than the history's
 * move-after ago into the history table, in batches, and drops the history's partitions
 * of the days past; it then runs every move interval when that is shorter. A job moves
 * once the per-minute rollup has counted it and once it has left the longest rate period
 * of the channels, whose limits count the jobs started within it.
 */
public final class JobVacuum extends ThreadLoop {

	private static final Duration FIRST_RUN_MAX_DELAY = Duration.ofSeconds(30);

	private static final Duration ELECTION_CHECK = Duration.ofSeconds(1);

	/** How long the minutes of the rollup the charts read are kept. */
	static final Duration MINUTES_KEPT = Duration.ofDays(2);

	private static final Log logger = LogFactory.getLog(JobVacuum.class);

	private final JobVacuumStore store;

	private final JobHistoryStore history;

	private final History historySettings;

	private final RemovalIntervals intervals;

	private final Duration interval;

	private final int batchSize;

	private final Clock clock;

	private final BooleanSupplier elected;

	private final TransactionOperations transaction;

	private final AtomicLong deleted = new AtomicLong();

	private final AtomicLong moved = new AtomicLong();

	/**
	 * Create the autovacuum.
	 * @param store the vacuum's store
	 * @param history the history's store
	 * @param settings the removal intervals, the interval, the batch size, the history
	 * and the clock
	 * @param elected whether this node is the runner now
	 * @param transaction runs each batch in a transaction of its own
	 */
	public JobVacuum(JobVacuumStore store, JobHistoryStore history, Settings settings, BooleanSupplier elected,
			TransactionOperations transaction) {
		super(JobRunner.PHASE, "queue-job-vacuum", true);
		this.store = store;
		this.history = history;
		this.historySettings = settings.history();
		this.intervals = new RemovalIntervals(settings.removalInterval(), settings.channelRemovalIntervals());
		this.interval = this.historySettings.enabled()
				? WakeSignal.min(settings.interval(), this.historySettings.moveInterval()) : settings.interval();
		this.batchSize = settings.batchSize();
		this.clock = settings.clock();
		this.elected = elected;
		this.transaction = transaction;
	}

	/**
	 * How many jobs this node's autovacuum deleted since it started.
	 * @return the number of jobs
	 */
	public long deletedJobs() {
		return this.deleted.get();
	}

	/**
	 * How many jobs this node's autovacuum moved into the history since it started.
	 * @return the number of jobs
	 */
	public long movedJobs() {
		return this.moved.get();
	}

	@Override
	void loop() {
		Instant nextRun = null;
		while (this.running) {
			Duration wait = ELECTION_CHECK;
			if (!this.elected.getAsBoolean()) {
				nextRun = null;
			}
			else {
				Instant now = this.clock.instant();
				if (nextRun == null) {
					nextRun = now.plus(WakeSignal.min(this.interval, FIRST_RUN_MAX_DELAY));
				}
				if (!now.isBefore(nextRun)) {
					runSafely();
					nextRun = this.clock.instant().plus(this.interval);
				}
				wait = WakeSignal.min(wait, Duration.between(this.clock.instant(), nextRun));
			}
			try {
				this.signal.await(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void runSafely() {
		try {
			vacuum();
		}
		catch (RuntimeException ex) {
			if (this.running) {
				logger.warn("queue-job autovacuum failed; trying again in " + this.interval, ex);
			}
		}
	}

	/**
	 * Move the jobs finished long enough ago into the history, delete the finished jobs
	 * whose removal interval has passed, now, in batches, and drop the history's days
	 * past. Stops early when this node is no longer the runner or is stopping.
	 * @return how many jobs were deleted from the job table
	 */
	int vacuum() {
		Instant now = this.clock.instant();
		this.store.deleteMinutesBefore(now.minus(MINUTES_KEPT));
		Map<Duration, List<String>> channelsByInterval = this.store.finishedChannels()
			.stream()
			.collect(Collectors.groupingBy(this.intervals::of, TreeMap::new, Collectors.toList()));
		Instant moveBefore = this.historySettings.enabled() ? moveBefore(now) : null;
		int total = 0;
		for (Map.Entry<Duration, List<String>> entry : channelsByInterval.entrySet()) {
			Instant deadline = now.minus(entry.getKey());
			Instant first = (moveBefore != null && moveBefore.isAfter(deadline))
					? this.history.firstFinished(entry.getValue(), deadline) : null;
			if (first != null && first.isBefore(moveBefore)) {
				// the days the removal of the jobs to move falls on
				this.history.createPartitions(day(now), day(first.plus(entry.getKey())),
						day(moveBefore.plus(entry.getKey())));
				int moved = inBatches(() -> this.history.move(entry.getValue(), moveBefore, deadline, entry.getKey(),
						this.batchSize));
				this.moved.addAndGet(moved);
			}
			int deleted = inBatches(() -> this.store.deleteFinished(entry.getValue(), deadline, this.batchSize));
			total += deleted;
			this.deleted.addAndGet(deleted);
		}
		if (this.elected.getAsBoolean()) {
			// kept when the history is turned off, so that the jobs moved before go too
			List<String> dropped = this.history.dropPartitionsBefore(day(now));
			inBatches(() -> this.history.deleteExpiredDefault(now, this.batchSize));
			if (!dropped.isEmpty()) {
				logger.debug("queue-job autovacuum dropped the history partitions " + dropped);
			}
		}
		if (total > 0 && logger.isDebugEnabled()) {
			logger.debug("queue-job autovacuum deleted " + total + " finished jobs");
		}
		return total;
	}

	/**
	 * The end of the finish times of the jobs to move: the move-after ago, and no later
	 * than the rollup's watermark and the start of the longest rate period.
	 */
	private Instant moveBefore(Instant now) {
		Instant before = now.minus(this.historySettings.moveAfter());
		Instant ratePeriodStart = now.minus(this.historySettings.longestRatePeriod());
		if (ratePeriodStart.isBefore(before)) {
			before = ratePeriodStart;
		}
		Instant folded = this.store.foldedTo();
		return (folded != null && folded.isBefore(before)) ? folded : before;
	}

	/**
	 * Run a batch statement, each batch in a transaction of its own, until a batch is not
	 * full or this node is no longer the runner.
	 * @return how many rows the batches changed
	 */
	private int inBatches(IntSupplier batch) {
		int total = 0;
		int changed;
		do {
			if (!this.elected.getAsBoolean()) {
				return total;
			}
			Integer count = this.transaction.execute((status) -> batch.getAsInt());
			changed = (count != null) ? count : 0;
			total += changed;
		}
		while (changed == this.batchSize && !Thread.currentThread().isInterrupted());
		return total;
	}

	private static LocalDate day(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * The plain settings of the autovacuum.
	 *
	 * @param removalInterval how long finished jobs are kept, unless their channel says
	 * otherwise
	 * @param channelRemovalIntervals the removal intervals configured per channel, which
	 * hold for their sub-channels too unless these have their own
	 * @param interval the time between two runs
	 * @param batchSize the most jobs deleted or moved per transaction
	 * @param history the history's settings
	 * @param clock the clock
	 */
	public record Settings(Duration removalInterval, Map<String, Duration> channelRemovalIntervals, Duration interval,
			int batchSize, History history, Clock clock) {

		public Settings {
			if (batchSize < 1) {
				throw new IllegalArgumentException("queue-job.vacuum.batch-size must be at least 1, got " + batchSize);
			}
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException(
						"queue-job.vacuum.interval must be a positive duration, got " + interval);
			}
			channelRemovalIntervals = Collections.unmodifiableMap(new LinkedHashMap<>(channelRemovalIntervals));
			Objects.requireNonNull(clock, "clock");
			Objects.requireNonNull(history, "history");
		}

	}

	/**
	 * The settings of the history of finished jobs.
	 *
	 * @param enabled whether done and cancelled jobs move into the history table
	 * @param moveAfter how long after they finished they move, at the earliest
	 * @param moveInterval the time between two moves
	 * @param longestRatePeriod the longest period of the channels' rate limits, within
	 * which the jobs that started stay in the job table; zero when no channel has one
	 */
	public record History(boolean enabled, Duration moveAfter, Duration moveInterval, Duration longestRatePeriod) {

		/** No history: finished jobs stay in the job table until they are deleted. */
		public static final History OFF = new History(false, Duration.ofMinutes(5), Duration.ofMinutes(1),
				Duration.ZERO);

		public History {
			if (moveAfter.isNegative()) {
				throw new IllegalArgumentException(
						"queue-job.history.move-after must not be negative, got " + moveAfter);
			}
			if (moveInterval.isNegative() || moveInterval.isZero()) {
				throw new IllegalArgumentException(
						"queue-job.history.move-interval must be a positive duration, got " + moveInterval);
			}
		}

	}

}
