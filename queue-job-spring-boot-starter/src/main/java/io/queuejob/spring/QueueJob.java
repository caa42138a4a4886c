package io.queuejob.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.queuejob.core.JobOptions;

/**
 * Marks a bean method as a job function: calling it on the bean from another bean stores
 * a job and returns at once; a worker runs the method later, in the background, in its
 * own transaction. Its arguments are stored as JSON and read back with the method's
 * declared parameter types. The method may return {@code void} or a value, which is
 * stored as JSON as the job's result (up to {@code queue-job.max-result-size}); a call
 * that stores a job returns {@code null} (an empty {@code Optional} for an
 * {@code Optional} method), so a primitive or a future return type is refused at
 * start-up.
 * <p>
 * Options set here are the function's defaults; {@code queue-job.functions.<name>.*}
 * properties override them, and per-call options of {@link JobQueue} override both.
 * <p>
 * As with {@code @Transactional} and {@code @Async}, a call from the bean to itself
 * ({@code this.method()}) does not go through the proxy and runs at once.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueueJob {

	/**
	 * The value of {@link #identityKey()} that derives the key from the job function and
	 * its arguments: a new job is not created while an identical one waits.
	 */
	String EXACT = "{exact}";

	/**
	 * The job function name; defaults to {@code beanName.methodName}.
	 * @return the name
	 */
	String name() default "";

	/**
	 * The channel of the function's jobs; defaults to {@code root}.
	 * @return the channel
	 */
	String channel() default "";

	/**
	 * The priority of the function's jobs; smaller runs first.
	 * @return the priority
	 */
	int priority() default JobOptions.DEFAULT_PRIORITY;

	/**
	 * Total tries allowed, including the first; 0 means unlimited.
	 * @return the maximum number of tries
	 */
	int maxRetries() default JobOptions.DEFAULT_MAX_RETRIES;

	/**
	 * The retry pattern, for example {@code "1:10, 5:60, 10:(60-120)"}: from try N on,
	 * wait S seconds (or a random number of seconds in a range) before the next try.
	 * Empty: 600 seconds.
	 * @return the retry pattern
	 */
	String retryPattern() default "";

	/**
	 * The description of the function's jobs; defaults to {@code Class.method}.
	 * @return the description
	 */
	String description() default "";

	/**
	 * Whether the job runs in its own transaction, its database work committing together
	 * with its move to {@code done}. Turn off for long calls to other systems.
	 * @return whether the job is transactional
	 */
	boolean transactional() default true;

	/**
	 * The identity key: while a job with the same key waits ({@code wait_dependencies},
	 * {@code pending} or {@code enqueued}), no new one is created. Empty for none;
	 * {@link #EXACT} for a key derived from the function and its arguments.
	 * @return the identity key
	 */
	String identityKey() default "";

	/**
	 * How long a try may run, such as {@code "5m"} or {@code "30s"}: past it, the worker
	 * stops the try (see {@link JobContext}). Empty for the node's
	 * {@code queue-job.worker.default-timeout}, none by default.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Whether a try that timed out is retried through the retry pattern; when not, the
	 * job fails at once.
	 * @return whether a timeout is retryable
	 */
	boolean retryOnTimeout() default true;

	/**
	 * The partition key of each job: a SpEL expression over the call's arguments
	 * ({@code #p0}, {@code #a0}, or {@code #name} when parameter names are compiled in),
	 * for example {@code "#p0.tenantId"}. A channel with {@code per-key=N} runs at most N
	 * jobs of one key at once. Empty for none. An expression that does not parse stops
	 * start-up; a call for which it fails or gives {@code null} is not stored and throws
	 * an {@link IllegalArgumentException}.
	 * @return the partition key expression
	 */
	String partitionKey() default "";

}
