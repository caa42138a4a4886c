package io.queuejob.spring.testsupport;

import io.queuejob.core.JobState;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TestDatabase}.
 */
class TestDatabaseTests {

	@Test
	void freshDatabasesAreDistinctAndEmpty() {
		TestDatabase first = TestDatabase.fresh();
		TestDatabase second = TestDatabase.fresh();
		assertThat(first.name()).isNotEqualTo(second.name()).startsWith("queue_job_test_");
		assertThat(currentDatabase(first)).isEqualTo(first.name());
		assertThat(currentDatabase(second)).isEqualTo(second.name());
		assertThat(userTableCount(first)).isZero();
		new JdbcTemplate(first.dataSource()).execute("CREATE TABLE only_in_first (id int)");
		assertThat(userTableCount(first)).isOne();
		assertThat(userTableCount(second)).isZero();
	}

	@Test
	void sharedDatabaseIsMigratedOnceAndEmptiedOfJobsKeepingItsHistory() {
		TestDatabase shared = TestDatabase.shared();
		assertThat(TestDatabase.shared()).isSameAs(shared);
		JdbcTemplate jdbc = new JdbcTemplate(shared.dataSource());
		int history = jdbc.queryForObject("SELECT count(*) FROM queue_job_schema_history", Integer.class);
		assertThat(history).isPositive();
		JobRows rows = new JobRows(jdbc);
		rows.dependency(rows.job(JobState.DONE).insert(), rows.job(JobState.WAIT_DEPENDENCIES).insert());
		QueueJobTables.deleteJobs(shared.dataSource());
		assertThat(rows.count()).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM queue_job_dependency", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM queue_job_schema_history", Integer.class))
			.isEqualTo(history);
		// every table of jobs and what users keep with them (schedules, paused channels,
		// the charts' rollup), not the nodes nor the rollup's watermark
		assertThat(QueueJobTables.jobTables()).startsWith("queue_job", "queue_job_dependency")
			.contains("queue_job_schedule", "queue_job_channel_pause", "queue_job_minute")
			.doesNotContain("queue_job_node", "queue_job_minute_watermark", "queue_job_schema_history");
		assertThat(shared.properties()).contains("spring.flyway.enabled=false");
	}

	@Test
	void propertiesPointSpringAtTheDatabase() {
		TestDatabase database = TestDatabase.fresh();
		assertThat(database.properties()).contains("spring.datasource.url=" + database.url(),
				"spring.datasource.username=" + database.username());
	}

	@Test
	void unreachableServerFailsWithMessageSayingWhatWasTriedAndWhatToDo() {
		String nowhere = "jdbc:postgresql://127.0.0.1:1/postgres";
		assertThatIllegalStateException().isThrownBy(() -> TestDatabase.fresh(nowhere, "postgres", null))
			.withMessageStartingWith("No PostgreSQL for the tests: tried the server " + nowhere + " as user postgres")
			.withMessageContaining("QUEUE_JOB_TEST_JDBC_URL")
			.withMessageContaining("QUEUE_JOB_TEST_USERNAME")
			.withMessageContaining("QUEUE_JOB_TEST_PASSWORD")
			.withMessageContaining("Docker")
			.withMessageContaining("127.0.0.1:5432");
	}

	@Test
	void databaseUrlKeepsServerAndParameters() {
		assertThat(TestDatabaseServer.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "db"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/db");
		assertThat(TestDatabaseServer.withDatabase("jdbc:postgresql://h1:5432,h2:5433/app?ssl=true&x=1", "db"))
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?ssl=true&x=1");
		assertThat(TestDatabaseServer.withDatabase("jdbc:postgresql://localhost", "db"))
			.isEqualTo("jdbc:postgresql://localhost/db");
		assertThat(TestDatabaseServer.withDatabase("jdbc:postgresql:app?ssl=true", "db"))
			.isEqualTo("jdbc:postgresql:db?ssl=true");
	}

	private static String currentDatabase(TestDatabase database) {
		return new JdbcTemplate(database.dataSource()).queryForObject("SELECT current_database()", String.class);
	}

	private static int userTableCount(TestDatabase database) {
		return new JdbcTemplate(database.dataSource()).queryForObject(
				"SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
				Integer.class);
	}

}
