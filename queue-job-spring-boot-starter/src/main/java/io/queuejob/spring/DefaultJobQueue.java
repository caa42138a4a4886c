package io.queuejob.spring;

import java.util.function.Consumer;

import io.queuejob.spring.function.JobFunctionRegistry;

/**
 * The {@link JobQueue}: records a call on a bean and prepares it as a {@link Delayable}.
 * Internal; inject {@link JobQueue}.
 */
public final class DefaultJobQueue implements JobQueue {

	private final JobFunctionRegistry functions;

	private final StoringJobEnqueuer enqueuer;

	private final MethodCallRecorder recorder = new MethodCallRecorder();

	/**
	 * Create the job queue.
	 * @param functions the job functions
	 * @param enqueuer stores the prepared jobs
	 */
	public DefaultJobQueue(JobFunctionRegistry functions, StoringJobEnqueuer enqueuer) {
		this.functions = functions;
		this.enqueuer = enqueuer;
	}

	@Override
	public <T> Delayable delayable(T bean, Consumer<? super T> call) {
		MethodCallRecorder.Call recorded = this.recorder.record(bean, call);
		return new Delayable(this.enqueuer, this.functions.forCall(bean, recorded.method()), recorded.args());
	}

}
