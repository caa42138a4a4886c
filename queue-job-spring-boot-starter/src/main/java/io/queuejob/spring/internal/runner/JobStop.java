package io.queuejob.spring.internal.runner;

import io.queuejob.core.JobTimeoutException;
import io.queuejob.spring.internal.store.ClaimedJob;

/**
 * Why the node stopped a running try.
 */
enum JobStop {

	/**
	 * The try ran past its deadline.
	 */
	TIMED_OUT {

		@Override
		RuntimeException error(ClaimedJob job, String detail, Throwable cause) {
			return new JobTimeoutException(job.timeout(), detail, cause);
		}

	},

	/**
	 * A user cancelled the job while it ran.
	 */
	CANCELLED {

		@Override
		RuntimeException error(ClaimedJob job, String detail, Throwable cause) {
			return new JobCancelledException(detail, cause);
		}

	};

	/**
	 * The error that ends the stopped try.
	 * @param job the job
	 * @param detail what else happened, or {@code null}
	 * @param cause what the job method threw when it stopped, or {@code null}
	 * @return the error
	 */
	abstract RuntimeException error(ClaimedJob job, String detail, Throwable cause);

}
