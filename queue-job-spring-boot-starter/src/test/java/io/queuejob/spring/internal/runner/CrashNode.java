package io.queuejob.spring.internal.runner;

import java.time.Duration;

import io.queuejob.spring.QueueJob;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * A queue-job node for the crash tests, run in its own JVM, killed with {@code kill -9}
 * or frozen with {@code kill -STOP}. Its arguments are Spring properties
 * ({@code --name=value}). It prints {@code READY} once started, {@code RUNNER} once it is
 * the runner, and {@code NO LONGER RUNNER} once it no longer is.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class CrashNode {

	@Bean
	EffectJobs effectJobs(JdbcTemplate jdbc) {
		return new EffectJobs(jdbc);
	}

	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CrashNode.class)
			.web(WebApplicationType.NONE)
			.run(args);
		System.out.println("READY");
		RunnerElection election = context.getBean(RunnerElection.class);
		await().forever().pollInterval(Duration.ofMillis(50)).until(election::isLeader);
		System.out.println("RUNNER");
		await().forever().pollInterval(Duration.ofMillis(10)).until(() -> !election.isLeader());
		System.out.println("NO LONGER RUNNER");
		// until the test kills the process
		Thread.currentThread().join();
	}

	/**
	 * A transactional job that writes one row and takes a little while.
	 */
	public static class EffectJobs {

		private final JdbcTemplate jdbc;

		public EffectJobs(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@QueueJob
		public void write(int id) throws InterruptedException {
			this.jdbc.update("INSERT INTO crash_effect (job) VALUES (?)", id);
			Thread.sleep(100);
		}

		@QueueJob
		public void writeSlowly(int id) throws InterruptedException {
			this.jdbc.update("INSERT INTO crash_effect (job) VALUES (?)", id);
			Thread.sleep(3000);
		}

	}

}
