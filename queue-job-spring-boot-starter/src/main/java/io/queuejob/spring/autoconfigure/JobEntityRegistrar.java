package io.queuejob.spring.autoconfigure;

import java.util.Map;

import io.queuejob.spring.internal.store.JobEntityMappingContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Asks the entity manager factory of queue-job's data source for the queue-job entity, by
 * setting the properties {@link JobEntityMappingContributor} reads, before the factory is
 * built. Other entity manager factories, and the application's entity scanning, are left
 * as they are.
 */
final class JobEntityRegistrar implements BeanPostProcessor {

	private final ObjectProvider<QueueJobDatabase> database;

	JobEntityRegistrar(ObjectProvider<QueueJobDatabase> database) {
		this.database = database;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
			QueueJobDatabase queueJob = this.database.getIfUnique();
			if (queueJob != null && queueJob.dataSource() == factory.getDataSource()) {
				Map<String, Object> jpaProperties = factory.getJpaPropertyMap();
				jpaProperties.put(JobEntityMappingContributor.ENABLED_SETTING, "true");
				if (!queueJob.schema().isCurrent()) {
					jpaProperties.put(JobEntityMappingContributor.SCHEMA_SETTING, queueJob.schema().name());
				}
			}
		}
		return bean;
	}

}
