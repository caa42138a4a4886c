package io.queuejob.spring.internal.store;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link QueueJobSchemaMigration}, so that
 * beans which depend on database initialization (JPA's entity manager factory, JDBC
 * templates, {@code @DependsOnDatabaseInitialization} beans) are created after the
 * migration.
 */
final class QueueJobSchemaMigrationDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	/**
	 * After Flyway's and Liquibase's detectors (orders 0 and 1): an application's own
	 * Flyway refuses a non-empty schema that lacks its history table, so it has to run
	 * before the queue-job tables exist. Before SQL script initialization (order
	 * {@code Ordered.LOWEST_PRECEDENCE - 100}).
	 */
	static final int ORDER = 10;

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(QueueJobSchemaMigration.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
