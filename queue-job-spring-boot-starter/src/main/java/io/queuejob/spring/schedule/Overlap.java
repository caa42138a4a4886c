package io.queuejob.spring.schedule;

/**
 * Whether an occurrence of a schedule may start while the job of the previous one still
 * waits or runs.
 */
public enum Overlap {

	/** Store each occurrence's job whatever the previous one does. */
	ALLOW,

	/** Drop an occurrence that falls due while the previous job waits or runs. */
	SKIP,

	/**
	 * Hold an occurrence back while the previous job waits or runs, and store it when
	 * that job has ended: the occurrences run one after the other, none dropped.
	 */
	QUEUE

}
