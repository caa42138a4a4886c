package io.queuejob.spring.autoconfigure;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.QueueJobSchemaMigration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link AutoConfiguration Auto-configuration} of the queue-job schema: migrates the
 * queue-job tables with the starter's own Flyway history, before the beans that depend on
 * database initialization.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "queue-job", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueueJobProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class QueueJobSchemaAutoConfiguration {

	@Bean
	QueueJobDatabase queueJobDatabase(DataSource dataSource,
			@QueueJobDataSource ObjectProvider<DataSource> queueJobDataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager,
			@QueueJobTransactionManager ObjectProvider<PlatformTransactionManager> queueJobTransactionManager,
			QueueJobProperties properties) {
		return new QueueJobDatabase(dataSource, queueJobDataSource, transactionManager, queueJobTransactionManager,
				QueueJobSchema.of(properties.getSchema()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "queue-job.migration", name = "enabled", matchIfMissing = true)
	QueueJobSchemaMigration queueJobSchemaMigration(QueueJobDatabase database, QueueJobProperties properties,
			ObjectProvider<JdbcConnectionDetails> details) {
		// Flyway sets the search path for the session: not through a transaction pooler
		DataSource dataSource = ListenerConnection.configured(properties)
				? ListenerConnection.of(properties, database, details).dataSource() : database.dataSource();
		return new QueueJobSchemaMigration(dataSource, database.schema());
	}

}
