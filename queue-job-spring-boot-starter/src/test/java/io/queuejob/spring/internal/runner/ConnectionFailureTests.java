package io.queuejob.spring.internal.runner;

import java.time.Duration;

import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every connection of the node (pool and listener) is terminated, repeatedly, while
 * transactional jobs run, and then the database refuses connections, with every
 * connection terminated, until the node's listener has found its connection gone, as in a
 * PostgreSQL restart: no job is lost or left started, and each takes effect exactly once.
 */
@SpringBootTest(classes = ConnectionFailureTests.App.class,
		properties = { "queue-job.poll-interval=1s", "queue-job.worker.threads=4", "spring.flyway.enabled=false" })
class ConnectionFailureTests {

	private static final int JOBS = 100;

	private static final TestDatabase database = TestDatabase.fresh();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@Autowired
	CrashNode.EffectJobs jobs;

	@Autowired
	PostgresJobListener listener;

	@Test
	void jobsSurviveTerminatedConnectionsAndTakeEffectOnce() throws InterruptedException {
		JdbcTemplate outside = new JdbcTemplate(database.dataSource());
		outside.execute("CREATE TABLE IF NOT EXISTS crash_effect (job int NOT NULL)");
		for (int i = 0; i < JOBS; i++) {
			this.jobs.write(i);
		}
		for (int round = 1; round <= 3; round++) {
			int done = round * 10;
			await().atMost(Duration.ofSeconds(60)).until(() -> new JobRows(outside).countDone() >= done);
			Integer terminated = outside.queryForObject("""
					SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
					WHERE datname = current_database() AND pid <> pg_backend_pid()
					""", Integer.class);
			if (round == 1) {
				assertThat(terminated).as("the listener's and the pool's connections").isGreaterThan(1);
			}
		}
		int beforeOutage = new JobRows(outside).countDone();
		JdbcTemplate server = new JdbcTemplate(new DriverManagerDataSource(
				database.url().replace("/" + database.name(), "/postgres"), database.username(), database.password()));
		server.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
		try {
			server.queryForObject("""
					SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?
					""", Integer.class, database.name());
			await().atMost(Duration.ofSeconds(60)).until(() -> !this.listener.isConnected());
		}
		finally {
			server.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
		}
		assertThat(beforeOutage).isLessThan(JOBS);
		await().atMost(Duration.ofMinutes(2)).until(() -> new JobRows(outside).countDone() == JOBS);
		assertThat(outside.queryForObject("SELECT count(*) FROM queue_job WHERE state <> 'done'", Integer.class))
			.isZero();
		assertThat(outside.queryForObject("SELECT count(*) FROM crash_effect", Integer.class)).isEqualTo(JOBS);
		assertThat(outside.queryForObject("SELECT count(DISTINCT job) FROM crash_effect", Integer.class))
			.isEqualTo(JOBS);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		CrashNode.EffectJobs effectJobs(JdbcTemplate jdbc) {
			return new CrashNode.EffectJobs(jdbc);
		}

	}

}
