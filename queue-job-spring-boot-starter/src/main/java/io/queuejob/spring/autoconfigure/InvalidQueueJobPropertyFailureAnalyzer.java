package io.queuejob.spring.autoconfigure;

import io.queuejob.spring.InvalidQueueJobPropertyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a queue-job property that cannot be used (a malformed channel entry, an unknown
 * job function, …) as what is wrong, naming the entry, and how to fix it, in place of the
 * exception deep in a bean creation failure. Ahead of Spring Boot's analyzers, which
 * would report the binding that wraps some of these.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidQueueJobPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidQueueJobPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidQueueJobPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
