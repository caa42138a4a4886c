package io.queuejob.spring;

import org.springframework.util.Assert;

/**
 * A link from a job to the record it works on, for operators: the dashboard shows it on
 * the job.
 *
 * @param url the URL, absolute or relative to the application
 * @param label the text of the link
 */
public record RelatedLink(String url, String label) {

	/**
	 * Create a link.
	 * @throws IllegalArgumentException if the URL or the label is empty
	 */
	public RelatedLink {
		Assert.hasText(url, "The URL of a related link must not be empty");
		Assert.hasText(label, "The label of a related link must not be empty");
	}

}
