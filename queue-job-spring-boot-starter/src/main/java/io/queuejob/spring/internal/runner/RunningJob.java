package io.queuejob.spring.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;

import io.queuejob.spring.internal.store.ClaimedJob;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One try of a job on a worker thread, which the node may stop: at its deadline, or when
 * a user cancels it. Stopping interrupts the thread and, while the try runs in its own
 * transaction, cancels the statement running on the transaction's connection. Whichever
 * comes first of a stop and the end of the job method decides the try: a try stopped
 * before its method returned ends as stopped, even if the method then returns.
 */
final class RunningJob {

	private static final Log logger = LogFactory.getLog(RunningJob.class);

	private final ClaimedJob job;

	private final Thread thread;

	private Connection connection;

	private JobStop stop;

	private boolean ended;

	private boolean abandoned;

	private ScheduledFuture<?> timer;

	RunningJob(ClaimedJob job, Thread thread) {
		this.job = job;
		this.thread = thread;
	}

	ClaimedJob job() {
		return this.job;
	}

	Thread thread() {
		return this.thread;
	}

	/**
	 * Remember the connection of the transaction the job method runs in, if any, whose
	 * statements a stop cancels.
	 */
	synchronized void watchTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return;
		}
		for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
			if (resource instanceof ConnectionHolder holder) {
				this.connection = holder.getConnection();
				return;
			}
		}
	}

	/**
	 * Stop the try, unless it ended or was stopped already.
	 * @param reason why
	 * @return whether this call stopped it
	 */
	synchronized boolean stop(JobStop reason) {
		if (this.ended || this.stop != null) {
			return false;
		}
		this.stop = reason;
		this.thread.interrupt();
		cancelStatement();
		return true;
	}

	/**
	 * Stop a try whose method has not started: nothing to interrupt, the method never
	 * runs.
	 * @param reason why
	 */
	synchronized void stopBeforeStart(JobStop reason) {
		if (this.stop == null) {
			this.stop = reason;
		}
	}

	private void cancelStatement() {
		if (this.connection == null) {
			return;
		}
		try {
			this.connection.unwrap(PGConnection.class).cancelQuery();
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("queue-job could not cancel the statement of job " + this.job.uuid(), ex);
		}
	}

	/**
	 * End the try on its thread, once its method returned or threw: a later stop does
	 * nothing, and the thread's interrupt status is cleared so that writing the outcome
	 * is not disturbed.
	 * @return why the try was stopped, or {@code null} if it was not
	 */
	synchronized JobStop end() {
		this.ended = true;
		this.connection = null;
		Thread.interrupted();
		return this.stop;
	}

	/**
	 * Run the job method again in the same try, after a transaction that could not commit
	 * for a concurrent change.
	 * @return why the try was stopped meanwhile, or {@code null} if it was not
	 */
	synchronized JobStop resume() {
		if (this.stop == null) {
			this.ended = false;
		}
		return this.stop;
	}

	/**
	 * Whether the try was stopped; its thread may still run.
	 * @return {@code true} once stopped
	 */
	synchronized boolean isStopped() {
		return this.stop != null;
	}

	/**
	 * Stop the deadline's timer once the try's outcome is written.
	 */
	synchronized void close() {
		this.ended = true;
		if (this.timer != null) {
			this.timer.cancel(false);
		}
	}

	/**
	 * Give up on a stopped try whose thread did not end within the grace period.
	 * @return whether it was given up: it was stopped and did not end
	 */
	synchronized boolean abandon() {
		if (this.ended || this.stop == null || this.abandoned) {
			return false;
		}
		this.abandoned = true;
		return true;
	}

	synchronized JobStop stopReason() {
		return this.stop;
	}

	synchronized void timer(ScheduledFuture<?> timer) {
		if (this.ended) {
			timer.cancel(false);
		}
		this.timer = timer;
	}

}
