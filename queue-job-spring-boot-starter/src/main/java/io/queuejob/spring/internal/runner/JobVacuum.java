package io.queuejob.spring.internal.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

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
 */
public final class JobVacuum extends ThreadLoop {

	private static final Duration FIRST_RUN_MAX_DELAY = Duration.ofSeconds(30);

	private static final Duration ELECTION_CHECK = Duration.ofSeconds(1);

	/** How long the minutes of the rollup the charts read are kept. */
	static final Duration MINUTES_KEPT = Duration.ofDays(2);

	private static final Log logger = LogFactory.getLog(JobVacuum.class);

	private final JobVacuumStore store;

	private final RemovalIntervals intervals;

	private final Duration interval;

	private final int batchSize;

	private final Clock clock;

	private final BooleanSupplier elected;

	private final TransactionOperations transaction;

	private final AtomicLong deleted = new AtomicLong();

	/**
	 * Create the autovacuum.
	 * @param store the vacuum's store
	 * @param settings the removal intervals, the interval, the batch size and the clock
	 * @param elected whether this node is the runner now
	 * @param transaction runs each batch in a transaction of its own
	 */
	public JobVacuum(JobVacuumStore store, Settings settings, BooleanSupplier elected,
			TransactionOperations transaction) {
		super(JobRunner.PHASE, "queue-job-vacuum", true);
		this.store = store;
		this.intervals = new RemovalIntervals(settings.removalInterval(), settings.channelRemovalIntervals());
		this.interval = settings.interval();
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
	 * Delete the finished jobs whose removal interval has passed, now, in batches. Stops
	 * early when this node is no longer the runner or is stopping.
	 * @return how many jobs were deleted
	 */
	int vacuum() {
		Instant now = this.clock.instant();
		this.store.deleteMinutesBefore(now.minus(MINUTES_KEPT));
		Map<Duration, List<String>> channelsByInterval = this.store.finishedChannels()
			.stream()
			.collect(Collectors.groupingBy(this.intervals::of, TreeMap::new, Collectors.toList()));
		int total = 0;
		for (Map.Entry<Duration, List<String>> entry : channelsByInterval.entrySet()) {
			Instant deadline = now.minus(entry.getKey());
			int deleted;
			do {
				if (!this.elected.getAsBoolean()) {
					return total;
				}
				Integer batch = this.transaction
					.execute((status) -> this.store.deleteFinished(entry.getValue(), deadline, this.batchSize));
				deleted = (batch != null) ? batch : 0;
				total += deleted;
				this.deleted.addAndGet(deleted);
			}
			while (deleted == this.batchSize && !Thread.currentThread().isInterrupted());
		}
		if (total > 0 && logger.isDebugEnabled()) {
			logger.debug("queue-job autovacuum deleted " + total + " finished jobs");
		}
		return total;
	}

	/**
	 * The plain settings of the autovacuum.
	 *
	 * @param removalInterval how long finished jobs are kept, unless their channel says
	 * otherwise
	 * @param channelRemovalIntervals the removal intervals configured per channel, which
	 * hold for their sub-channels too unless these have their own
	 * @param interval the time between two runs
	 * @param batchSize the most jobs deleted per transaction
	 * @param clock the clock
	 */
	public record Settings(Duration removalInterval, Map<String, Duration> channelRemovalIntervals, Duration interval,
			int batchSize, Clock clock) {

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
		}

	}

}
