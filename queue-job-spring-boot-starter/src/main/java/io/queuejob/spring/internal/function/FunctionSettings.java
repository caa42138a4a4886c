package io.queuejob.spring.internal.function;

import java.time.Duration;

/**
 * The settings of one job function from the application's configuration (the
 * {@code queue-job.functions.[name].*} properties), over its {@code @QueueJob}.
 *
 * @param delayable whether the entry declares a public void method without
 * {@code @QueueJob} as a job function
 * @param channel the channel, or {@code null}
 * @param retryPattern the retry pattern, or {@code null}
 * @param maxRetries the most tries, or {@code null}
 * @param priority the priority, or {@code null}
 * @param relatedUrl the related record's URL template, or {@code null}
 * @param relatedLabel the related record's label, or {@code null}
 * @param timeout how long a try may run, or {@code null}
 * @param retryOnTimeout whether a try that timed out is retried, or {@code null}
 * @param partitionKey the partition key expression, or {@code null}
 */
public record FunctionSettings(boolean delayable, String channel, String retryPattern, Integer maxRetries,
		Integer priority, String relatedUrl, String relatedLabel, Duration timeout, Boolean retryOnTimeout,
		String partitionKey) {

	/** No settings. */
	public static final FunctionSettings NONE = new FunctionSettings(false, null, null, null, null, null, null, null,
			null, null);

	/**
	 * Settings without a timeout or a partition key expression.
	 * @param delayable whether the entry declares a job function
	 * @param channel the channel, or {@code null}
	 * @param retryPattern the retry pattern, or {@code null}
	 * @param maxRetries the most tries, or {@code null}
	 * @param priority the priority, or {@code null}
	 * @param relatedUrl the related record's URL template, or {@code null}
	 * @param relatedLabel the related record's label, or {@code null}
	 */
	public FunctionSettings(boolean delayable, String channel, String retryPattern, Integer maxRetries,
			Integer priority, String relatedUrl, String relatedLabel) {
		this(delayable, channel, retryPattern, maxRetries, priority, relatedUrl, relatedLabel, null, null, null);
	}

}
