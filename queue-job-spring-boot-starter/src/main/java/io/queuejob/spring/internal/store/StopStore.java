package io.queuejob.spring.internal.store;

import java.util.List;
import java.util.UUID;

/**
 * What stopping running jobs needs of the job store: the cancel requests of running jobs,
 * which reach the node that runs them, and the end of a try stopped by a cancel.
 */
public interface StopStore {

	/** The notification channel that tells the nodes a running job is to be cancelled. */
	String CANCEL_CHANNEL = "queue_job_cancel";

	/**
	 * Ask the node that runs a started job to cancel it, and notify the nodes at commit.
	 * @param uuid the job
	 * @return {@code true} if the job is started, so that the request was stored
	 */
	boolean requestCancel(UUID uuid);

	/**
	 * The started jobs of a worker whose cancel was requested.
	 * @param worker the worker
	 * @return their uuids
	 */
	List<UUID> cancelRequested(String worker);

	/**
	 * Mark a claimed job cancelled, with the jobs waiting for it, transitively, as a
	 * cancel of a waiting job does.
	 * @param job the job, as claimed
	 * @param excName the exception class
	 * @param excMessage why, stored as message and result
	 * @param excInfo the stack trace, or {@code null}
	 * @return {@code false} if the job is no longer this worker's try
	 */
	boolean markCancelled(ClaimedJob job, String excName, String excMessage, String excInfo);

}
