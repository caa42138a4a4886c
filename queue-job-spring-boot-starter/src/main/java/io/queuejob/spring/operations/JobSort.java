package io.queuejob.spring.operations;

/**
 * The order of a job list.
 */
public enum JobSort {

	/** By creation, newest first. */
	NEWEST,

	/** By creation, oldest first. */
	OLDEST

}
