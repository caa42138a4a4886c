package io.queuejob.spring.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports the {@code queue-job} properties that bind nothing, such as a misspelled
 * {@code queue-job.chanels}, with where each is set and the valid name it probably meant.
 * Ahead of Spring Boot's analyzer of unbound properties, which names them but cannot
 * guess.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownQueueJobPropertiesFailureAnalyzer
		extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter(UnknownQueueJobProperties::isQueueJob)
			.toList();
		if (unknown.isEmpty()) {
			return null;
		}
		return new FailureAnalysis(UnknownQueueJobProperties.describe(unknown), UnknownQueueJobProperties.action(),
				cause);
	}

}
