package io.queuejob.spring.internal.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Configuration of the {@link ExecutionLinkHandler} when the tries of jobs link to the
 * enqueuing span ({@code queue-job.tracing.execution=link}), Micrometer Tracing is on the
 * class path and the application has a {@link Tracer} and a {@link Propagator}. Spring
 * Boot adds the handler to the observation registry with its other tracing handlers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "queue-job.tracing.execution", havingValue = "link")
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean({ Tracer.class, Propagator.class })
public class ExecutionLinkConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Order(ExecutionLinkHandler.ORDER)
	ExecutionLinkHandler queueJobExecutionLinkHandler(Tracer tracer, Propagator propagator) {
		return new ExecutionLinkHandler(tracer, propagator);
	}

}
