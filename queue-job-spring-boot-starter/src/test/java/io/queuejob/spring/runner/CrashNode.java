package io.queuejob.spring.runner;

import io.queuejob.spring.QueueJob;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A queue-job node for the crash tests, run in its own JVM and killed with
 * {@code kill -9}. Its arguments are Spring properties ({@code --name=value}). It prints
 * {@code READY} once started and {@code RUNNER} once it is the runner.
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
		while (!election.isLeader()) {
			Thread.sleep(50);
		}
		System.out.println("RUNNER");
		Thread.sleep(Long.MAX_VALUE);
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

	}

}
