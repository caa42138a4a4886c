package io.queuejob.spring.internal.store;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What stopping running jobs needs of the job store: which of the jobs a node runs were
 * cancelled by a user meanwhile.
 */
public interface StopStore {

	/**
	 * The notification channel that tells the nodes that started jobs were cancelled.
	 */
	String CANCEL_CHANNEL = "queue_job_cancel";

	/**
	 * The jobs among the given ones that are cancelled.
	 * @param uuids the jobs a node runs
	 * @return the cancelled ones
	 */
	List<UUID> cancelledAmong(Collection<UUID> uuids);

}
