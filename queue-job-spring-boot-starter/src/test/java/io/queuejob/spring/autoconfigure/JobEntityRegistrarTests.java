package io.queuejob.spring.autoconfigure;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.JobEntityMappingContributor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobEntityRegistrar}.
 */
class JobEntityRegistrarTests {

	private final DataSource queueJobDataSource = new SimpleDriverDataSource();

	private final QueueJobProperties properties = new QueueJobProperties();

	private final JobEntityRegistrar registrar = registrar();

	@Test
	void asksTheFactoryOfQueueJobsDataSourceForTheEntity() {
		LocalContainerEntityManagerFactoryBean factory = factory(this.queueJobDataSource);
		this.registrar.postProcessBeforeInitialization(factory, "entityManagerFactory");
		assertThat(factory.getJpaPropertyMap()).containsEntry(JobEntityMappingContributor.ENABLED_SETTING, "true")
			.doesNotContainKey(JobEntityMappingContributor.SCHEMA_SETTING);
	}

	@Test
	void passesTheConfiguredSchema() {
		this.properties.setSchema("qj");
		LocalContainerEntityManagerFactoryBean factory = factory(this.queueJobDataSource);
		this.registrar.postProcessBeforeInitialization(factory, "entityManagerFactory");
		assertThat(factory.getJpaPropertyMap()).containsEntry(JobEntityMappingContributor.SCHEMA_SETTING, "qj");
	}

	@Test
	void leavesTheFactoryOfAnotherDataSourceAlone() {
		LocalContainerEntityManagerFactoryBean factory = factory(new SimpleDriverDataSource());
		this.registrar.postProcessBeforeInitialization(factory, "reportingEntityManagerFactory");
		assertThat(factory.getJpaPropertyMap()).isEmpty();
	}

	@Test
	void leavesOtherBeansAlone() {
		Object bean = new Object();
		assertThat(this.registrar.postProcessBeforeInitialization(bean, "bean")).isSameAs(bean);
	}

	private JobEntityRegistrar registrar() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		ObjectProvider<DataSource> none = beanFactory.getBeanProvider(DataSource.class);
		beanFactory.registerSingleton("queueJobDatabase",
				new QueueJobDatabase(this.queueJobDataSource, none,
						beanFactory.getBeanProvider(PlatformTransactionManager.class),
						beanFactory.getBeanProvider(PlatformTransactionManager.class)));
		beanFactory.registerSingleton("queueJobProperties", this.properties);
		return new JobEntityRegistrar(beanFactory.getBeanProvider(QueueJobDatabase.class),
				beanFactory.getBeanProvider(QueueJobProperties.class));
	}

	private static LocalContainerEntityManagerFactoryBean factory(DataSource dataSource) {
		LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
		factory.setDataSource(dataSource);
		return factory;
	}

}
