package io.queuejob.spring.internal.enqueue;

import io.queuejob.core.JobOptions;
import io.queuejob.spring.internal.function.JobFunction;

/**
 * One call to store as a job: its function, arguments and the options set on it.
 *
 * @param function the job function
 * @param args the arguments
 * @param options the options set on the call, over the function's
 * @param partitionKey the partition key set on the call, over the function's expression,
 * or {@code null}
 */
record JobCall(JobFunction function, Object[] args, JobOptions options, String partitionKey) {

	JobCall(JobFunction function, Object[] args, JobOptions options) {
		this(function, args, options, null);
	}

	@Override
	public String toString() {
		return this.function.name();
	}

}
