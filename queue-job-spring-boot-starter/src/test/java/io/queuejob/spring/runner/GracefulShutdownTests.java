package io.queuejob.spring.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stopping node stops claiming, lets its running jobs finish within the shutdown grace,
 * and hands the rest back to pending, so that another node runs them; none is lost.
 */
class GracefulShutdownTests {

	private static final CountDownLatch firstRunStarted = new CountDownLatch(1);

	private static final AtomicInteger runs = new AtomicInteger();

	private final TestDatabase database = TestDatabase.fresh();

	@Test
	void jobStillRunningAfterTheGraceIsHandedBackAndRunsOnAnotherNode() throws InterruptedException {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext stopping = startNode()) {
			stopping.getBean(SlowJobs.class).hang("handed back");
			assertThat(firstRunStarted.await(30, TimeUnit.SECONDS)).isTrue();
		}
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM queue_job WHERE args ->> 0 = 'handed back'");
		assertThat(row).containsEntry("state", "pending").containsEntry("retry", 0).containsEntry("worker", null);
		assertThat((String) row.get("result")).startsWith("Handed back");
		try (ConfigurableApplicationContext other = startNode()) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "done".equals(jdbc
					.queryForObject("SELECT state FROM queue_job WHERE args ->> 0 = 'handed back'", String.class)));
		}
		assertThat(jdbc.queryForObject("SELECT retry FROM queue_job WHERE args ->> 0 = 'handed back'", Integer.class))
			.isEqualTo(1);
		assertThat(runs.get()).isEqualTo(2);
	}

	private ConfigurableApplicationContext startNode() {
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.addAll(List.of("queue-job.worker.shutdown-grace=1s", "queue-job.poll-interval=1s"));
		return new SpringApplicationBuilder(Node.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * A job whose first run hangs until its thread is interrupted.
	 */
	public static class SlowJobs {

		@QueueJob
		public void hang(String id) throws InterruptedException {
			if (runs.incrementAndGet() == 1) {
				firstRunStarted.countDown();
				new CountDownLatch(1).await();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		SlowJobs slowJobs() {
			return new SlowJobs();
		}

	}

}
