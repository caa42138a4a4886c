package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.queuejob.spring.internal.store.JobMinuteStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps the per-minute rollup of the jobs that ended, which the dashboard's charts read:
 * on the runner's node only, every few seconds, it folds the jobs that ended since the
 * last fold into it, in a thread of its own and a short transaction. The workers write
 * nothing more for it, and a chart never scans the jobs.
 */
public final class JobMinuteRollup extends ThreadLoop {

	/** The time between two folds. */
	static final Duration INTERVAL = Duration.ofSeconds(5);

	/**
	 * How long after their end jobs are folded: a job's end is stamped before its
	 * transaction commits, so a fold up to now could pass over a job committed just
	 * after.
	 */
	static final Duration SETTLE = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(JobMinuteRollup.class);

	private final JobMinuteStore store;

	private final BooleanSupplier elected;

	private final TransactionOperations transaction;

	/**
	 * Create the rollup.
	 * @param store the rollup's store
	 * @param elected whether this node is the runner now
	 * @param transaction runs each fold in a transaction of its own
	 */
	public JobMinuteRollup(JobMinuteStore store, BooleanSupplier elected, TransactionOperations transaction) {
		super(JobRunner.PHASE, "queue-job-rollup", true);
		this.store = store;
		this.elected = elected;
		this.transaction = transaction;
	}

	@Override
	void loop() {
		while (this.running) {
			try {
				this.signal.await(INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (this.running && this.elected.getAsBoolean()) {
				foldSafely();
			}
		}
	}

	private void foldSafely() {
		try {
			fold();
		}
		catch (RuntimeException ex) {
			if (this.running) {
				logger.warn("queue-job could not fold the ended jobs into the per-minute rollup; trying again in "
						+ INTERVAL, ex);
			}
		}
	}

	/**
	 * Fold the jobs that ended since the last fold, up to {@link #SETTLE} ago.
	 */
	void fold() {
		this.transaction.executeWithoutResult((status) -> this.store.fold(SETTLE));
	}

}
