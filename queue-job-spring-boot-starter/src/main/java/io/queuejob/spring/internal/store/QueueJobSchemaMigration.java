package io.queuejob.spring.internal.store;

import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

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

	// Lower case only: PostgreSQL folds unquoted names, Flyway quotes them.
	private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final DataSource dataSource;

	private final String schema;

	/**
	 * Create a migration of the tables in the connection's current schema.
	 * @param dataSource the application's data source
	 */
	public QueueJobSchemaMigration(DataSource dataSource) {
		this(dataSource, null);
	}

	/**
	 * Create a migration of the tables in the given schema, created if missing.
	 * @param dataSource the application's data source
	 * @param schema the schema (the value of {@code queue-job.schema}), or {@code null}
	 * or empty for the connection's current schema
	 * @throws IllegalArgumentException if the schema is not a plain lower-case SQL
	 * identifier
	 */
	public QueueJobSchemaMigration(DataSource dataSource, String schema) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		this.dataSource = dataSource;
		this.schema = StringUtils.hasText(schema) ? validSchemaName(schema) : null;
	}

	private static String validSchemaName(String schema) {
		if (!PLAIN_IDENTIFIER.matcher(schema).matches()) {
			throw new IllegalArgumentException("Invalid queue-job.schema '" + schema
					+ "': use a plain SQL identifier of lower-case letters, digits and underscores,"
					+ " not starting with a digit, at most 63 characters");
		}
		return schema;
	}

	/**
	 * Return the schema of the tables, or {@code null} for the connection's current
	 * schema.
	 * @return the schema or {@code null}
	 */
	public String getSchema() {
		return this.schema;
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
		if (this.schema != null) {
			configuration.schemas(this.schema).defaultSchema(this.schema).createSchemas(true);
		}
		return configuration.load();
	}

}
