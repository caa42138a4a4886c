package io.queuejob.spring.autoconfigure;

import javax.sql.DataSource;

import io.queuejob.spring.store.JobEntity;
import io.queuejob.spring.store.JobRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.boot.spi.AdditionalMappingContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * {@link AutoConfiguration Auto-configuration} of the JPA model of queue-job: the
 * {@link JobEntity} in the application's persistence unit and the {@link JobRepository},
 * without relying on, or changing, the application's entity and repository scanning.
 * <p>
 * The entity is added by {@link JobEntityRegistrar} and Hibernate's
 * {@link AdditionalMappingContributor} rather than by an auto-configuration package: Boot
 * scans auto-configuration packages for entities only when the application has no
 * {@code @EntityScan}, and an auto-configuration package is also scanned by Boot's
 * default repository scanning. The repository has its own {@link EnableJpaRepositories}
 * limited to {@link JobRepository}, processed after Boot's
 * {@link DataJpaRepositoriesAutoConfiguration}, which backs off as soon as any JPA
 * repository is registered: coming later keeps the application's repositories whether
 * Boot's default scanning or its own {@code @EnableJpaRepositories} registers them. When
 * the application's own scanning already registers a {@link JobRepository}, that one is
 * used.
 * <p>
 * Like any Spring Data repository, the {@link JobRepository} uses the beans named
 * {@code entityManagerFactory} and {@code transactionManager}. An application that builds
 * its entity manager factory without a {@link LocalContainerEntityManagerFactoryBean}
 * sets the settings of {@code JobEntityMappingContributor} itself.
 */
@AutoConfiguration(after = { HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
		QueueJobSchemaAutoConfiguration.class })
@ConditionalOnClass({ LocalContainerEntityManagerFactoryBean.class, EntityManager.class,
		AdditionalMappingContributor.class, JpaRepository.class })
@ConditionalOnBean({ DataSource.class, EntityManagerFactory.class })
// the application's entity manager does not reach a data source of queue-job's own
@ConditionalOnMissingBean(annotation = QueueJobDataSource.class)
@ConditionalOnBooleanProperty(name = "queue-job.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueueJobProperties.class)
public final class QueueJobJpaAutoConfiguration {

	@Bean
	static JobEntityRegistrar queueJobEntityRegistrar(ObjectProvider<QueueJobDatabase> database) {
		return new JobEntityRegistrar(database);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(JobRepository.class)
	@EnableJpaRepositories(basePackageClasses = JobRepository.class,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = JobRepository.class))
	static class JobRepositoryConfiguration {

	}

}
