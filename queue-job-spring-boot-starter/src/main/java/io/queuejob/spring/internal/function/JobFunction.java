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
 */
public record JobFunction(String name, String beanName, Method method, JobOptions defaults, RetryPattern retryPattern,
		boolean transactional, boolean retryOnTimeout) {

	/**
	 * The default description of the function's jobs: {@code Class.method}.
	 * @return the description
	 */
	public String defaultDescription() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
	}

}
