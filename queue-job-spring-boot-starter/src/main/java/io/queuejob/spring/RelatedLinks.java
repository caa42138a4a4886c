package io.queuejob.spring;

import java.util.Optional;

/**
 * Answers the link from a stored job to the record it works on, as its function declares
 * with {@link RelatedAction @RelatedAction} or
 * {@code queue-job.functions.[name].related-url}: the link the dashboard and the REST API
 * show. Inject it to show the same link elsewhere.
 */
public interface RelatedLinks {

	/** The label of a link whose function declares none. */
	String DEFAULT_LABEL = "Related record";

	/**
	 * The link of a job.
	 * @param jobFunction the job's function name
	 * @param argumentsJson the job's stored arguments (a JSON array)
	 * @return the link, or empty if the function declares none, is unknown, or a value
	 * the link needs is missing from the arguments
	 */
	Optional<RelatedLink> linkFor(String jobFunction, String argumentsJson);

}
