package io.queuejob.spring.schedule;

/**
 * What a schedule does with the occurrences it missed: those not materialised within
 * {@code queue-job.scheduling.missed-after} of their time, because no node ran, the
 * schedule was paused, or the runner role moved. Occurrences materialised in time are
 * never missed.
 */
public enum MissedOccurrences {

	/** Drop every missed occurrence: the schedule goes on with its next one. */
	SKIP,

	/** Store one job, for the latest missed occurrence. */
	LAST,

	/**
	 * Store a job per missed occurrence, the latest ones up to
	 * {@code queue-job.scheduling.max-catch-up}.
	 */
	ALL

}
