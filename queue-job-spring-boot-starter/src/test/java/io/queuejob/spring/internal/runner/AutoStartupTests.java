package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.List;

import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
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
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PostgresJobListenerTests.App.class)
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
			context.getBean(PostgresJobListenerTests.Recorder.class).record("stored");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT state FROM queue_job", String.class)).isEqualTo("pending");

			context.start();
			assertThat(lifecycles).allSatisfy((lifecycle) -> assertThat(lifecycle.isRunning()).isTrue());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "done".equals(jdbc.queryForObject("SELECT state FROM queue_job", String.class)));
			assertThat(context.getBean(PostgresJobListenerTests.Recorder.class).calls()).containsExactly("stored");
		}
	}

}
