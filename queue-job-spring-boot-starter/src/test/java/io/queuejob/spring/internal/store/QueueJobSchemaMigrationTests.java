package io.queuejob.spring.internal.store;

import javax.sql.DataSource;

import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueueJobSchemaMigration}.
 */
class QueueJobSchemaMigrationTests {

	@Test
	void migratesIntoExistingNonEmptySchema() {
		DataSource dataSource = TestDatabase.fresh().dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE SCHEMA jobs");
		jdbc.execute("CREATE TABLE jobs.app_customer (id bigint PRIMARY KEY)");
		new QueueJobSchemaMigration(dataSource, new QueueJobSchema("jobs")).migrate();
		assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'jobs'", String.class))
			.contains("app_customer", "queue_job", "queue_job_dependency", "queue_job_node",
					"queue_job_schema_history");
	}

}
