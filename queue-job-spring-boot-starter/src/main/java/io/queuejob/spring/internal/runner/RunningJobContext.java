package io.queuejob.spring.internal.runner;

import java.lang.reflect.Method;
import java.util.UUID;

import io.queuejob.spring.JobContext;
import io.queuejob.spring.internal.function.JobExecution;
import io.queuejob.spring.internal.store.ClaimedJob;

/**
 * The {@link JobContext} of a job a worker runs, bound to the worker's thread while the
 * job method runs.
 */
final class RunningJobContext extends JobContext {

	private final ClaimedJob job;

	private final JobProgressWriter progress;

	RunningJobContext(ClaimedJob job, JobProgressWriter progress) {
		this.job = job;
		this.progress = progress;
	}

	/**
	 * Call the job method with this context bound.
	 * @param method the job method
	 * @param bean its bean
	 * @param args the arguments
	 * @return the method's result
	 * @throws Throwable what the method threw
	 */
	Object invoke(Method method, Object bean, Object[] args) throws Throwable {
		return runWith(this, () -> JobExecution.invoke(method, bean, args));
	}

	@Override
	public UUID uuid() {
		return this.job.uuid();
	}

	@Override
	public String function() {
		return this.job.jobFunction();
	}

	@Override
	public String channel() {
		return this.job.channel();
	}

	@Override
	public int attempt() {
		return this.job.retry();
	}

	@Override
	protected void reportProgress(int percent, String message) {
		if (this.progress != null) {
			this.progress.report(this.job, percent, message);
		}
	}

}
