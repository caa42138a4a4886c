package io.queuejob.spring.autoconfigure;

import io.queuejob.spring.internal.operations.QueueJobEndpoint;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.schedule.JobSchedules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the Actuator endpoint {@code queuejob},
 * when Actuator is on the classpath.
 */
@AutoConfiguration(after = QueueJobOperationsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(JobOperations.class)
public final class QueueJobEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	QueueJobEndpoint queueJobEndpoint(JobOperations operations, ObjectProvider<JobSchedules> schedules) {
		return new QueueJobEndpoint(operations, schedules.getIfAvailable());
	}

}
