package io.queuejob.spring.internal.enqueue;

import io.queuejob.core.JobOptions;
import io.queuejob.spring.internal.function.JobFunction;

/**
 * One call to store as a job: its function, arguments and the options set on it.
 *
 * @param function the job function
 * @param args the arguments
 * @param options the options set on the call, over the function's
 */
record JobCall(JobFunction function, Object[] args, JobOptions options) {

	@Override
	public String toString() {
		return this.function.name();
	}

}
