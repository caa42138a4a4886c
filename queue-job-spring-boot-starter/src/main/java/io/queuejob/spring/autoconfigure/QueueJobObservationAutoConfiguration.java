package io.queuejob.spring.autoconfigure;

import java.util.Map;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.queuejob.spring.InvalidQueueJobPropertyException;
import io.queuejob.spring.autoconfigure.QueueJobProperties.Tracing.Execution;
import io.queuejob.spring.internal.observation.JobObservations;
import io.queuejob.spring.internal.observation.LinkedExecutionContext;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.tracing.ExecutionLinkConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the jobs' Micrometer observations ({@code queue.job.enqueue} and
 * {@code queue.job.execution}) and the logging MDC of a running job, when the application
 * has an {@link ObservationRegistry}. With Micrometer Tracing they become spans; nothing
 * here needs it, unless {@code queue-job.tracing.execution} is {@code link}: then the
 * tracing handler that links each try's span to the enqueuing span is configured, and
 * start-up fails without it.
 *
 * @see org.springframework.boot.autoconfigure.EnableAutoConfiguration
 */
@AutoConfiguration(after = QueueJobAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, JobStores.class })
@Import(ExecutionLinkConfiguration.class)
public final class QueueJobObservationAutoConfiguration {

	private static final String EXECUTION_PROPERTY = "queue-job.tracing.execution";

	@Bean
	@ConditionalOnMissingBean
	JobObservations queueJobObservations(ObservationRegistry registry, QueueJobProperties properties,
			ObjectProvider<ObservationHandler<?>> handlers) {
		boolean link = properties.getTracing().getExecution() == Execution.LINK;
		if (link) {
			LinkedExecutionContext probe = new LinkedExecutionContext(Map.of());
			if (handlers.stream().noneMatch((handler) -> handler.supportsContext(probe))) {
				throw new InvalidQueueJobPropertyException(EXECUTION_PROPERTY, EXECUTION_PROPERTY
						+ " is link, but no tracing handler links the tries' spans: linking needs Micrometer Tracing"
						+ " with a Tracer and a Propagator bean.",
						"Add Micrometer Tracing with a tracer bridge (such as micrometer-tracing-bridge-otel), "
								+ "or set " + EXECUTION_PROPERTY + " to continue.",
						null);
			}
		}
		return new JobObservations(registry, link);
	}

}
