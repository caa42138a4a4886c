package io.queuejob.spring.runner;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code queue-job.auto-startup=false} the context starts none of the listener,
 * runner, workers and vacuum: calls are stored, and nothing runs them until the
 * application starts the context's lifecycle beans itself.
 */
class AutoStartupTests {

	private final TestDatabase database = TestDatabase.fresh();

	@Test
	void lifecycleBeansStartOnlyWhenTheApplicationStartsThem() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(this.database.properties())
			.properties("queue-job.auto-startup=false", "spring.main.banner-mode=off")
			.run()) {
			List<SmartLifecycle> lifecycles = List.of(context.getBean(PostgresJobListener.class),
					context.getBean(JobRunner.class), context.getBean(JobWorkers.class),
					context.getBean(JobVacuum.class));
			assertThat(lifecycles).allSatisfy((lifecycle) -> {
				assertThat(lifecycle.isAutoStartup()).isFalse();
				assertThat(lifecycle.isRunning()).isFalse();
			});
			context.getBean(Calls.class).record("stored");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT state FROM queue_job", String.class)).isEqualTo("pending");

			context.start();
			assertThat(lifecycles).allSatisfy((lifecycle) -> assertThat(lifecycle.isRunning()).isTrue());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "done".equals(jdbc.queryForObject("SELECT state FROM queue_job", String.class)));
			assertThat(context.getBean(Calls.class).calls()).containsExactly("stored");
		}
	}

	/**
	 * Records its calls.
	 */
	public static class Calls {

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
		Calls calls() {
			return new Calls();
		}

	}

}
