package io.queuejob.spring.runner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node in another JVM is the runner and runs transactional jobs that write a row each;
 * it is killed with {@code kill -9} while running them. The surviving node becomes the
 * runner, rescues the dead node's started jobs, and every job ends done exactly once: one
 * row per job, none left started. The time from the kill to the last job done is printed.
 */
class CrashRecoveryTests {

	private static final int JOBS = 150;

	private final TestDatabase database = TestDatabase.fresh();

	private Process crashNode;

	private ConfigurableApplicationContext survivor;

	@AfterEach
	void stop() {
		if (this.crashNode != null) {
			this.crashNode.destroyForcibly();
		}
		if (this.survivor != null) {
			this.survivor.close();
		}
	}

	@Test
	void killedRunnerNodeIsReplacedAndItsJobsEndDoneExactlyOnce() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		jdbc.execute("CREATE TABLE crash_effect (job int NOT NULL)");
		List<String> properties = new ArrayList<>(List.of(this.database.properties()));
		properties.addAll(List.of("queue-job.runner.dead-node-grace=1s", "queue-job.poll-interval=1s",
				"queue-job.worker.threads=4", "spring.main.banner-mode=off", "spring.flyway.enabled=false"));
		BufferedReader output = startCrashNode(properties);
		awaitLine(output, "RUNNER");
		this.survivor = new SpringApplicationBuilder(CrashNode.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		RunnerElection survivorElection = this.survivor.getBean(RunnerElection.class);
		assertThat(survivorElection.isLeader()).isFalse();

		CrashNode.EffectJobs jobs = this.survivor.getBean(CrashNode.EffectJobs.class);
		for (int i = 0; i < JOBS; i++) {
			jobs.write(i);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state = 'done'",
					Integer.class) >= 20);
		long killedAt = System.nanoTime();
		int startedByVictim = jdbc.queryForObject(
				"SELECT count(*) FROM queue_job WHERE state = 'started' AND worker <> ?", Integer.class,
				this.survivor.getBean(NodeLiveness.class).worker());
		this.crashNode.destroyForcibly();
		assertThat(this.crashNode.waitFor(30, TimeUnit.SECONDS)).isTrue();

		await().atMost(Duration.ofSeconds(30)).until(survivorElection::isLeader);
		await().atMost(Duration.ofMinutes(2))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state = 'done'",
					Integer.class) == JOBS);
		Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
		System.out.printf("crash recovery: %d jobs, %d started on the killed node, all done %d ms after kill -9%n",
				JOBS, startedByVictim, recovery.toMillis());

		assertThat(jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state <> 'done'", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM crash_effect", Integer.class)).isEqualTo(JOBS);
		assertThat(jdbc.queryForObject("SELECT count(DISTINCT job) FROM crash_effect", Integer.class)).isEqualTo(JOBS);
	}

	private BufferedReader startCrashNode(List<String> properties) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(CrashNode.class.getName());
		properties.forEach((property) -> command.add("--" + property));
		this.crashNode = new ProcessBuilder(command).redirectErrorStream(true).start();
		return new BufferedReader(new InputStreamReader(this.crashNode.getInputStream(), StandardCharsets.UTF_8));
	}

	private static void awaitLine(BufferedReader output, String expected) throws Exception {
		CompletableFuture<Void> seen = CompletableFuture.runAsync(() -> {
			List<String> lines = new ArrayList<>();
			try {
				String line;
				while ((line = output.readLine()) != null) {
					if (line.equals(expected)) {
						return;
					}
					lines.add(line);
				}
				throw new IllegalStateException("The crash node ended before printing " + expected + ":\n"
						+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		seen.get(60, TimeUnit.SECONDS);
		// keep draining the node's output so that it never blocks on a full pipe
		CompletableFuture.runAsync(() -> output.lines().forEach((line) -> {
		}));
	}

}
