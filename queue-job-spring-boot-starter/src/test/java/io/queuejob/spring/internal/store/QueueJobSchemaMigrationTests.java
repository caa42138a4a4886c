package io.queuejob.spring.internal.store;

import javax.sql.DataSource;

import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QueueJobSchemaMigration}.
 */
class QueueJobSchemaMigrationTests {

	// Validation needs no database: the migration connects only when it runs
	private final DataSource dataSource = new SimpleDriverDataSource();

	@ParameterizedTest
	@ValueSource(strings = { "qj", "queue_job", "_jobs", "jobs2" })
	void acceptsPlainLowerCaseIdentifiers(String schema) {
		assertThat(new QueueJobSchemaMigration(this.dataSource, schema).getSchema()).isEqualTo(schema);
	}

	@ParameterizedTest
	@ValueSource(strings = { "QJ", "2jobs", "queue-job", "qj.jobs", "\"qj\"", "qj; DROP TABLE x", "é",
			"a123456789a123456789a123456789a123456789a123456789a123456789abcd" })
	void rejectsOtherSchemaNamesNamingTheProperty(String schema) {
		assertThatIllegalArgumentException().isThrownBy(() -> new QueueJobSchemaMigration(this.dataSource, schema))
			.withMessageStartingWith("Invalid queue-job.schema '" + schema + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void blankSchemaMeansTheCurrentSchema(String schema) {
		assertThat(new QueueJobSchemaMigration(this.dataSource, schema).getSchema()).isNull();
	}

	@Test
	void migratesIntoExistingNonEmptySchema() {
		DataSource dataSource = TestDatabase.fresh().dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE SCHEMA jobs");
		jdbc.execute("CREATE TABLE jobs.app_customer (id bigint PRIMARY KEY)");
		new QueueJobSchemaMigration(dataSource, "jobs").migrate();
		assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'jobs'", String.class))
			.containsExactlyInAnyOrder("app_customer", "queue_job", "queue_job_dependency", "queue_job_node",
					"queue_job_schema_history");
	}

}
