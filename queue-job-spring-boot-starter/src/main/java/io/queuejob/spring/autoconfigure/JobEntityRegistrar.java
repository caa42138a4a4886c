package io.queuejob.spring.autoconfigure;

import java.util.Map;

import io.queuejob.spring.internal.store.JobEntityMappingContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.util.StringUtils;

/**
 * Asks the entity manager factory of queue-job's data source for the queue-job entity, by
 * setting the properties {@link JobEntityMappingContributor} reads, before the factory is
 * built. Other entity manager factories, and the application's entity scanning, are left
 * as they are.
 */
final class JobEntityRegistrar implements BeanPostProcessor {

	private final ObjectProvider<QueueJobDatabase> database;

	private final ObjectProvider<QueueJobProperties> properties;

	JobEntityRegistrar(ObjectProvider<QueueJobDatabase> database, ObjectProvider<QueueJobProperties> properties) {
		this.database = database;
		this.properties = properties;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof LocalContainerEntityManagerFactoryBean factory && isQueueJobDataSource(factory)) {
			Map<String, Object> jpaProperties = factory.getJpaPropertyMap();
			jpaProperties.put(JobEntityMappingContributor.ENABLED_SETTING, "true");
			String schema = this.properties.getObject().getSchema();
			if (StringUtils.hasText(schema)) {
				jpaProperties.put(JobEntityMappingContributor.SCHEMA_SETTING, schema);
			}
		}
		return bean;
	}

	private boolean isQueueJobDataSource(LocalContainerEntityManagerFactoryBean factory) {
		QueueJobDatabase queueJob = this.database.getIfUnique();
		return queueJob != null && queueJob.dataSource() == factory.getDataSource();
	}

}
