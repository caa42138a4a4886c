package io.queuejob.sample.database;

import java.util.UUID;

import io.queuejob.sample.SampleApplication;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample creates the database of its URL when it is missing, on the test server.
 */
class SampleDatabaseCreatorTests {

	@Test
	void missingDatabaseIsCreatedAtStartUpWithTheSampleTables() {
		TestDatabase server = TestDatabase.fresh();
		JdbcTemplate jdbc = new JdbcTemplate(server.dataSource());
		String name = "queue_job_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url = SampleDatabaseCreator.withDatabase(server.url(), name);
		try {
			assertThat(exists(jdbc, name)).isFalse();
			try (ConfigurableApplicationContext context = new SpringApplication(SampleApplication.class).run(
					"--spring.datasource.url=" + url, "--spring.datasource.username=" + server.username(),
					"--spring.datasource.password=" + ((server.password() != null) ? server.password() : ""),
					"--server.port=0", "--spring.datasource.hikari.maximum-pool-size=5")) {
				assertThat(exists(jdbc, name)).isTrue();
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT current_database() || ':' || count(*) FROM customer_order", String.class))
					.isEqualTo(name + ":0");
			}
		}
		finally {
			jdbc.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

	@Test
	void urlOfAnotherDatabaseKeepsHostsAndParameters() {
		assertThat(SampleDatabaseCreator.withDatabase("jdbc:postgresql://db:5433/shop?ssl=true&user=a", "postgres"))
			.isEqualTo("jdbc:postgresql://db:5433/postgres?ssl=true&user=a");
		assertThat(SampleDatabaseCreator.withDatabase("jdbc:postgresql://a:1,b:2/shop", "postgres"))
			.isEqualTo("jdbc:postgresql://a:1,b:2/postgres");
		assertThat(SampleDatabaseCreator.withDatabase("jdbc:postgresql://localhost", "postgres"))
			.isEqualTo("jdbc:postgresql://localhost/postgres");
	}

	private static boolean exists(JdbcTemplate jdbc, String name) {
		return jdbc.queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Integer.class, name) == 1;
	}

}
