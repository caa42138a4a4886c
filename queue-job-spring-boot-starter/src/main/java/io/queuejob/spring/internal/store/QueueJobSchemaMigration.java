package io.queuejob.spring.internal.store;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

/**
 * Creates and updates the queue-job tables with Flyway, under their own history table
 * {@value #HISTORY_TABLE}, when the bean is initialized.
 * <p>
 * The Flyway instance is private to this bean and never exposed as a {@link Flyway} bean,
 * so the application's own Flyway setup, if any, is left as it is. A non-empty schema is
 * baselined at version 0, so the starter's migrations still apply to it.
 */
public class QueueJobSchemaMigration implements InitializingBean {

	/**
	 * Where the starter's migrations are.
	 */
	public static final String LOCATION = "classpath:io/queuejob/spring/db/migration";

	/**
	 * Name of the starter's Flyway history table.
	 */
	public static final String HISTORY_TABLE = "queue_job_schema_history";

	private final DataSource dataSource;

	private final QueueJobSchema schema;

	/**
	 * Create a migration of the tables in the connection's current schema.
	 * @param dataSource the application's data source
	 */
	public QueueJobSchemaMigration(DataSource dataSource) {
		this(dataSource, QueueJobSchema.CURRENT);
	}

	/**
	 * Create a migration of the tables in the given schema, created if missing.
	 * @param dataSource the application's data source
	 * @param schema the schema (the value of {@code queue-job.schema})
	 */
	public QueueJobSchemaMigration(DataSource dataSource, QueueJobSchema schema) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		Assert.notNull(schema, "'schema' must not be null");
		this.dataSource = dataSource;
		this.schema = schema;
	}

	/**
	 * Return the schema of the tables, or {@code null} for the connection's current
	 * schema.
	 * @return the schema or {@code null}
	 */
	public String getSchema() {
		return this.schema.name();
	}

	@Override
	public void afterPropertiesSet() {
		migrate();
	}

	/**
	 * Apply the migrations not applied yet.
	 */
	public void migrate() {
		createFlyway().migrate();
	}

	Flyway createFlyway() {
		FluentConfiguration configuration = Flyway.configure(QueueJobSchemaMigration.class.getClassLoader())
			.dataSource(this.dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.cleanDisabled(true);
		if (!this.schema.isCurrent()) {
			configuration.schemas(this.schema.name()).defaultSchema(this.schema.name()).createSchemas(true);
		}
		return configuration.load();
	}

}
