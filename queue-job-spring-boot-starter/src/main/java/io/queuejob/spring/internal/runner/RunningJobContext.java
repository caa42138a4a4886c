package io.queuejob.spring.internal.runner;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.queuejob.spring.JobContext;
import io.queuejob.spring.internal.function.JobExecution;
import io.queuejob.spring.internal.store.ClaimedJob;

/**
 * The {@link JobContext} of a job a worker runs, bound to the worker's thread while the
 * job method runs. A try stopped before its method returned (at its deadline, or
 * cancelled) ends with the stop's error, whatever the method did: in a transaction, that
 * rolls the job's work back.
 */
final class RunningJobContext extends JobContext {

	private final RunningJob running;

	private final JobProgressWriter progress;

	RunningJobContext(RunningJob running, JobProgressWriter progress) {
		this.running = running;
		this.progress = progress;
	}

	/**
	 * Call the job method with this context bound.
	 * @param method the job method
	 * @param bean its bean
	 * @param args the arguments
	 * @return the method's result
	 * @throws Throwable what the method threw, or the stop's error
	 */
	Object invoke(Method method, Object bean, Object[] args) throws Throwable {
		JobStop stoppedBefore = this.running.resume();
		if (stoppedBefore != null) {
			throw stoppedBefore.error(this.running.job(), null, null);
		}
		this.running.watchTransaction();
		Object result;
		try {
			result = runWith(this, () -> JobExecution.invoke(method, bean, args));
		}
		catch (Throwable ex) {
			JobStop stop = this.running.end();
			throw (stop != null) ? stop.error(this.running.job(), null, ex) : ex;
		}
		JobStop stop = this.running.end();
		if (stop != null) {
			throw stop.error(this.running.job(), null, null);
		}
		return result;
	}

	@Override
	public UUID uuid() {
		return this.running.job().uuid();
	}

	@Override
	public String function() {
		return this.running.job().jobFunction();
	}

	@Override
	public String channel() {
		return this.running.job().channel();
	}

	@Override
	public int attempt() {
		return this.running.job().retry();
	}

	@Override
	public boolean isCancelled() {
		return this.running.isStopped();
	}

	@Override
	public Optional<String> schedule() {
		return Optional.ofNullable(this.running.job().schedule());
	}

	@Override
	public Optional<Instant> scheduledFor() {
		return Optional.ofNullable(this.running.job().scheduledFor());
	}

	@Override
	protected void reportProgress(int percent, String message) {
		if (this.progress != null) {
			this.progress.report(this.running.job(), percent, message);
		}
	}

}
