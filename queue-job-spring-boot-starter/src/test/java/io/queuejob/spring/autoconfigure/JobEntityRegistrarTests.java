package io.queuejob.spring.autoconfigure;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.JobEntityMappingContributor;
import io.queuejob.spring.internal.store.QueueJobSchema;
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

	private final JobEntityRegistrar registrar = registrar(QueueJobSchema.CURRENT);

	@Test
	void asksTheFactoryOfQueueJobsDataSourceForTheEntity() {
		LocalContainerEntityManagerFactoryBean factory = factory(this.queueJobDataSource);
		this.registrar.postProcessBeforeInitialization(factory, "entityManagerFactory");
		assertThat(factory.getJpaPropertyMap()).containsEntry(JobEntityMappingContributor.ENABLED_SETTING, "true")
			.doesNotContainKey(JobEntityMappingContributor.SCHEMA_SETTING);
	}

	@Test
	void passesTheConfiguredSchema() {
		LocalContainerEntityManagerFactoryBean factory = factory(this.queueJobDataSource);
		registrar(new QueueJobSchema("qj")).postProcessBeforeInitialization(factory, "entityManagerFactory");
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

	private JobEntityRegistrar registrar(QueueJobSchema schema) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		ObjectProvider<DataSource> none = beanFactory.getBeanProvider(DataSource.class);
		beanFactory.registerSingleton("queueJobDatabase",
				new QueueJobDatabase(this.queueJobDataSource, none,
						beanFactory.getBeanProvider(PlatformTransactionManager.class),
						beanFactory.getBeanProvider(PlatformTransactionManager.class), schema));
		return new JobEntityRegistrar(beanFactory.getBeanProvider(QueueJobDatabase.class));
	}

	private static LocalContainerEntityManagerFactoryBean factory(DataSource dataSource) {
		LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
		factory.setDataSource(dataSource);
		return factory;
	}

}
