package io.queuejob.spring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.queuejob.spring.internal.observation.JobObservations;
import io.queuejob.spring.internal.store.JobStores;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the jobs' Micrometer observations ({@code queue.job.enqueue} and
 * {@code queue.job.execution}) and the logging MDC of a running job, when the application
 * has an {@link ObservationRegistry}. With Micrometer Tracing they become spans; nothing
 * here needs it.
 *
 * @see org.springframework.boot.autoconfigure.EnableAutoConfiguration
 */
@AutoConfiguration(after = QueueJobAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, JobStores.class })
public final class QueueJobObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JobObservations queueJobObservations(ObservationRegistry registry) {
		return new JobObservations(registry);
	}

}
