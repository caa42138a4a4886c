package io.queuejob.core.graph;

/**
 * Thrown when job dependencies cannot form a graph: a job depends on itself, the
 * dependencies form a cycle, or the jobs already belong to several graphs. The message
 * names the jobs involved.
 */
public class InvalidGraphException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message that names the jobs involved.
	 * @param message what is wrong, naming the jobs
	 */
	public InvalidGraphException(String message) {
		super(message);
	}

}
