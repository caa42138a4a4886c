package io.queuejob.spring.internal.runner;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import io.queuejob.core.JobOutcome;
import io.queuejob.core.JobState;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.function.JobResultWriter;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.WorkerStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed job and writes its outcome. A transactional job's method and its move
 * to {@code done} commit together; a failed try rolls back, and the retry or failure is
 * written in a new transaction. Other moves to {@code done} are batched with those of the
 * jobs that finish meanwhile. No outcome notifies the runner in its transaction: the
 * workers tell it once for many jobs (see {@link JobWorkers}).
 */
public final class JobExecutor {

	/**
	 * The log category of the jobs that do not succeed, one line per failed try: a name
	 * of its own, documented for applications to set its level, whatever the class.
	 */
	public static final String LOG_CATEGORY = "io.queuejob.spring.jobs";

	private static final Log logger = LogFactory.getLog(LOG_CATEGORY);

	private final WorkerStore store;

	private final JobFunctionRegistry functions;

	private final JobArgumentCodec codec;

	private final Function<String, Object> beans;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final JobLifecycleObserver observer;

	private final DoneBatch doneBatch;

	private final JobFailureLog log;

	private final RunningJobs running;

	private final StoppedTries stopped;

	private JobResultWriter results;

	private JobProgressWriter progress;

	private JobExecutionScope scope = JobExecutionScope.NONE;

	/**
	 * Create an executor.
	 * @param store the job store
	 * @param functions the job functions
	 * @param codec the argument codec
	 * @param beans looks beans up by name
	 * @param transaction a template that starts a new transaction
	 * @param clock the clock
	 * @param observer told of each outcome once it is written
	 * @param running the tries running on this node, stopped at their deadline or when
	 * cancelled
	 */
	public JobExecutor(WorkerStore store, JobFunctionRegistry functions, JobArgumentCodec codec,
			Function<String, Object> beans, TransactionTemplate transaction, Clock clock, JobLifecycleObserver observer,
			RunningJobs running) {
		this.store = store;
		this.functions = functions;
		this.codec = codec;
		this.results = new JobResultWriter(codec, JobResultWriter.DEFAULT_MAX_SIZE);
		this.beans = beans;
		this.transaction = transaction;
		this.clock = clock;
		this.observer = observer;
		this.doneBatch = new DoneBatch(store, transaction);
		this.log = new JobFailureLog(logger, clock);
		this.running = running;
		this.stopped = new StoppedTries(store, observer, this.log);
		running.onAbandoned(this.stopped::abandoned);
	}

	/**
	 * The tries running on this node.
	 * @return the running tries
	 */
	public RunningJobs runningJobs() {
		return this.running;
	}

	/**
	 * Set how the values that job methods return are stored.
	 * @param results the result writer
	 */
	public void setResultWriter(JobResultWriter results) {
		this.results = results;
	}

	/**
	 * Set where the jobs' progress reports go.
	 * @param progress the node's progress writer
	 */
	public void setProgressWriter(JobProgressWriter progress) {
		this.progress = progress;
	}

	/**
	 * Set what surrounds each job's try.
	 * @param scope opened before the job runs, closed after its outcome is written
	 */
	public void setExecutionScope(JobExecutionScope scope) {
		this.scope = scope;
	}

	/**
	 * Run a claimed job and write its outcome.
	 * @param job the job
	 */
	public void execute(ClaimedJob job) {
		RunningJob running = this.running.start(job);
		try (JobExecutionScope.Opened opened = this.scope.open(job)) {
			execute(running);
		}
		finally {
			this.running.end(running);
			if (this.progress != null) {
				this.progress.finish(job);
			}
		}
	}

	private void execute(RunningJob running) {
		ClaimedJob job = running.job();
		long startedAt = System.nanoTime();
		this.observer.started(job);
		JobFunction function;
		Object[] args;
		Object bean;
		try {
			function = this.functions.find(job.jobFunction());
			args = (function != null) ? this.codec.read(function.method(), job.argumentsJson()) : null;
			bean = (function != null) ? this.beans.apply(function.beanName()) : null;
		}
		catch (RuntimeException ex) {
			// The job cannot be called at all (a declared method that cannot be a job
			// function, arguments that do not fit, a bean that cannot be had): it fails
			// rather than staying started
			JobOutcome.Failed failed = JobOutcome.failed(ex);
			fail(job, failed.excName(), failed.excMessage(), failed.excInfo(), ex, since(startedAt));
			return;
		}
		if (function == null) {
			fail(job, "NoSuchJobFunction", "No job function '" + job.jobFunction()
					+ "' in this application, so nothing was called: jobs run only @QueueJob methods and methods "
					+ "declared with queue-job.functions.[beanName.methodName].delayable=true. "
					+ "Was its bean or method renamed or removed?", null, null, since(startedAt));
			return;
		}
		if (function.transactional()) {
			runInTransaction(running, function, bean, args, startedAt);
		}
		else {
			run(running, function, bean, args, startedAt);
		}
	}

	/**
	 * Mark a claimed job failed, in a transaction of its own.
	 * @param job the job
	 * @param excName the exception
	 * @param excMessage its message
	 * @param excInfo the stack trace, or {@code null}
	 * @param error the error, to log its stack trace, or {@code null}
	 * @param executionTime how long the job ran
	 */
	void fail(ClaimedJob job, String excName, String excMessage, String excInfo, Throwable error,
			Duration executionTime) {
		if (DatabaseFailures.persist(() -> this.store.markFailed(job, excName, excMessage, excInfo))) {
			this.log.failed(job, excName, excMessage, error);
			this.observer.failed(job, excName, excMessage, executionTime);
		}
	}

	private static Duration since(long startedAt) {
		return Duration.ofNanos(System.nanoTime() - startedAt);
	}

	private void runInTransaction(RunningJob running, JobFunction function, Object bean, Object[] args,
			long startedAt) {
		ClaimedJob job = running.job();
		for (int attempt = 1;; attempt++) {
			try {
				this.transaction.executeWithoutResult((status) -> {
					Object result = invoke(running, function, bean, args);
					if (!this.store.markDone(job, this.results.write(function.name(), result))) {
						throw new LostJobException(job);
					}
				});
				// committed with the job's own work
				done(job, startedAt);
				return;
			}
			catch (LostJobException ex) {
				logger.warn(ex.getMessage());
				return;
			}
			catch (RuntimeException | Error ex) {
				Throwable error = ex;
				if (DatabaseFailures.isConnectionFailure(error)) {
					record(job, function, DatabaseFailures.connectionLost(error), startedAt);
					return;
				}
				if (!DatabaseFailures.isConcurrencyFailure(error)) {
					record(job, function, error, startedAt);
					return;
				}
				if (attempt > DatabaseFailures.MAX_IMMEDIATE_RETRIES) {
					record(job, function, DatabaseFailures.asRetryable(error), startedAt);
					return;
				}
				DatabaseFailures.backOff(attempt);
			}
		}
	}

	private void run(RunningJob running, JobFunction function, Object bean, Object[] args, long startedAt) {
		ClaimedJob job = running.job();
		Object result;
		try {
			result = invoke(running, function, bean, args);
		}
		catch (RuntimeException | Error ex) {
			record(job, function, ex, startedAt);
			return;
		}
		markDone(job, this.results.write(function.name(), result), startedAt);
	}

	/**
	 * Mark a job done outside its own transaction, with the release of its dependents,
	 * batched with the other jobs that finish meanwhile.
	 */
	private void markDone(ClaimedJob job, String result, long startedAt) {
		if (!this.doneBatch.markDone(job, result)) {
			logger.warn(new LostJobException(job).getMessage());
			return;
		}
		done(job, startedAt);
	}

	private void done(ClaimedJob job, long startedAt) {
		Duration executionTime = since(startedAt);
		this.log.done(job, executionTime);
		this.observer.done(job, executionTime);
	}

	private Object invoke(RunningJob running, JobFunction function, Object bean, Object[] args) {
		try {
			return new RunningJobContext(running, this.progress).invoke(function.method(), bean, args);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

	private void record(ClaimedJob job, JobFunction function, Throwable error, long startedAt) {
		if (this.stopped.record(job, function, error, since(startedAt))) {
			return;
		}
		JobOutcome outcome = JobOutcome.failure(error, job.retry(), job.maxRetries(), function.retryPattern(),
				this.clock.instant());
		if (outcome instanceof JobOutcome.Done done) {
			markDone(job, done.result(), startedAt);
			return;
		}
		if (!DatabaseFailures.persist(() -> write(job, outcome, error, startedAt))) {
			logger.warn(new LostJobException(job).getMessage());
		}
	}

	/**
	 * Write a retry or a failure, outside a transaction: a retry of a keyed job may meet
	 * the identity-key index, which the store handles by catching the violation.
	 */
	private boolean write(ClaimedJob job, JobOutcome outcome, Throwable error, long startedAt) {
		if (outcome instanceof JobOutcome.Retry retry) {
			JobState state = this.store.markRetry(job, retry.eta(), retry.retry(), retry.message(), retry.excName(),
					retry.excInfo());
			if (state == JobState.PENDING) {
				this.log.retried(job, retry.eta(), retry.excName(), retry.message(), error);
				this.observer.retried(job, retry.eta(), retry.retry(), retry.excName(), retry.message(),
						since(startedAt));
			}
			else if (state == JobState.CANCELLED) {
				this.log.superseded(job, retry.excName(), retry.message(), error);
				this.observer.superseded(job, since(startedAt));
			}
			return state != null;
		}
		JobOutcome.Failed failed = (JobOutcome.Failed) outcome;
		boolean written = this.store.markFailed(job, failed.excName(), failed.excMessage(), failed.excInfo());
		if (written) {
			this.log.failed(job, failed.excName(), failed.excMessage(), error);
			this.observer.failed(job, failed.excName(), failed.excMessage(), since(startedAt));
		}
		return written;
	}

	/**
	 * The job is no longer this worker's try: it was rescued, or changed by a user.
	 */
	private static final class LostJobException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		LostJobException(ClaimedJob job) {
			super("Outcome of job " + job.uuid() + " (try " + job.retry()
					+ ") not written: the job is no longer started by this worker");
		}

	}

}
