package io.queuejob.spring.internal.function;

import java.lang.reflect.Method;

import io.queuejob.core.JobOptions;
import io.queuejob.core.RetryPattern;

/**
 * A bean method that jobs call, with its defaults. Internal.
 *
 * @param name the stable job function name stored on jobs
 * @param beanName the name of the bean the method is called on
 * @param method the method, as declared on the bean's class
 * @param defaults the function's default options (annotation, then properties)
 * @param retryPattern the retry pattern
 * @param transactional whether jobs run in their own transaction
 * @param retryOnTimeout whether a try that timed out is retried through the retry pattern
 * @param partitionKey the expression that gives each call's partition key, or
 * {@code null} for jobs without one
 */
public record JobFunction(String name, String beanName, Method method, JobOptions defaults, RetryPattern retryPattern,
		boolean transactional, boolean retryOnTimeout, PartitionKeyExpression partitionKey) {

	/**
	 * A function whose timed-out tries are retried, without a partition key expression.
	 * @param name the stable job function name
	 * @param beanName the bean's name
	 * @param method the method
	 * @param defaults the function's default options
	 * @param retryPattern the retry pattern
	 * @param transactional whether jobs run in their own transaction
	 */
	public JobFunction(String name, String beanName, Method method, JobOptions defaults, RetryPattern retryPattern,
			boolean transactional) {
		this(name, beanName, method, defaults, retryPattern, transactional, true, null);
	}

	/**
	 * The default description of the function's jobs: {@code Class.method}.
	 * @return the description
	 */
	public String defaultDescription() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
	}

}
