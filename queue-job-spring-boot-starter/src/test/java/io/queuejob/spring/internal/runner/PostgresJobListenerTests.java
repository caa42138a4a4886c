package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.queuejob.spring.QueueJob;
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
 * The listener survives the loss of its connection: it reconnects by itself and, since
 * notifications sent meanwhile are lost, wakes the runner and workers after reconnecting.
 * The poll interval is a minute, so only notifications can start jobs within the test.
 */
@SpringBootTest(classes = PostgresJobListenerTests.App.class, properties = "queue-job.poll-interval=60s")
class PostgresJobListenerTests {

	private static final TestDatabase database = TestDatabase.fresh();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@Autowired
	PostgresJobListener listener;

	@Autowired
	Recorder recorder;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void jobStoredByAnotherProcessStartsOnItsNotification() {
		await().atMost(Duration.ofSeconds(30)).until(this.listener::isConnected);
		insertWithSql("first");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.recorder.calls().contains("first"));
	}

	@Test
	void listenerReconnectsAfterItsBackendIsTerminated() {
		await().atMost(Duration.ofSeconds(30)).until(this.listener::isConnected);
		Integer terminated = this.jdbc.queryForObject("""
				SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
				WHERE datname = current_database() AND application_name = 'queue-job-listener'
				""", Integer.class);
		assertThat(terminated).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.listener.isConnected());
		await().atMost(Duration.ofSeconds(30)).until(this.listener::isConnected);
		insertWithSql("after reconnect");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.recorder.calls().contains("after reconnect"));
	}

	@Test
	void jobWhoseNotificationWasLostStartsWhenTheListenerReconnects() {
		await().atMost(Duration.ofSeconds(30)).until(this.listener::isConnected);
		JdbcTemplate server = new JdbcTemplate(new DriverManagerDataSource(
				database.url().replace("/" + database.name(), "/postgres"), database.username(), database.password()));
		server.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
		try {
			this.jdbc.queryForObject("""
					SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
					WHERE datname = current_database() AND application_name = 'queue-job-listener'
					""", Integer.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.listener.isConnected());
			insertWithSql("while disconnected");
		}
		finally {
			server.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.recorder.calls().contains("while disconnected"));
		assertThat(this.listener.isConnected()).isTrue();
	}

	private void insertWithSql(String text) {
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 5, 'recorder.record', to_jsonb(ARRAY[?::text]))
				""", text);
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
	}

	/**
	 * Records the calls of its job method.
	 */
	public static class Recorder {

		private final Queue<String> calls = new ConcurrentLinkedQueue<>();

		@QueueJob
		public void record(String text) {
			this.calls.add(text);
		}

		public Queue<String> calls() {
			return this.calls;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

}
