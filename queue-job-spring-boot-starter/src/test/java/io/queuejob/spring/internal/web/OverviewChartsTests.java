package io.queuejob.spring.internal.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.queuejob.core.FailedJobException;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-minute rollup that the runner keeps of the jobs that ended, and the dashboard's
 * overview that charts it, in a real headless Chromium: jobs run by the real runner and
 * workers in two channels, some failing, until the rollup holds them all. The overview's
 * screenshot goes to {@code target/dashboard-screenshots}; run with
 * {@code -Ddocs.screenshots=true} to refresh the one the README shows
 * ({@code docs/dashboard-overview.png}), so that an ordinary run changes no tracked file.
 */
@QueueJobIntegrationTest(classes = OverviewChartsTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "queue-job.channels=root:4, mail:2", "queue-job.poll-interval=1s" })
class OverviewChartsTests {

	private static HeadlessChrome browser;

	@LocalServerPort
	int port;

	@Autowired
	ChartJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChrome.start();
		browser.authenticateAs("operator", "secret");
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void rollupCountsEqualTheJobsOwnCountsAndTheOverviewChartsThem() throws IOException {
		for (int i = 1; i <= 30; i++) {
			this.jobs.export(i);
			this.jobs.mail(i);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE state IN ('done', 'failed') AND channel IN ('root', 'root.mail')",
					Integer.class) == 60);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rollup()).isEqualTo(jobCounts()));
		Map<String, Object> latency = this.jdbc.queryForMap("""
				SELECT sum(latency_count) AS counted,
				    sum(latency_lt_100ms + latency_lt_1s + latency_lt_10s + latency_lt_1m + latency_ge_1m) AS bucketed
				FROM queue_job_minute""");
		assertThat(((Number) latency.get("counted")).intValue()).isEqualTo(60);
		assertThat(((Number) latency.get("bucketed")).intValue()).isEqualTo(60);
		assertThat(jobCounts()).containsEntry("root.mail/failed", 6L).containsEntry("root/done", 30L);

		open("#/overview");
		List<String> charts = browser.waitUntil((driver) -> {
			List<String> shown = driver.findElements(By.cssSelector("[data-chart]"))
				.stream()
				.map((chart) -> chart.getAttribute("data-chart"))
				.toList();
			return (shown.size() == 3) ? shown : null;
		});
		assertThat(charts).containsExactly("All channels", "root", "root.mail");
		String overall = browser.driver().findElement(By.cssSelector("[data-chart='All channels'] p")).getText();
		assertThat(overall).isEqualTo("54 done, 6 failed");
		assertThat(browser.driver().findElements(By.cssSelector("[data-chart='root.mail'] path[data-series='failed']")))
			.hasSize(1)
			.allSatisfy((path) -> assertThat(path.getAttribute("d")).startsWith("M"));
		browser.driver().findElement(By.cssSelector("[data-range='day']")).click();
		browser.waitUntil((driver) -> driver.findElement(By.cssSelector("[data-chart='All channels'] figcaption"))
			.getText()
			.contains("per 15 minutes") ? true : null);
		browser.driver().findElement(By.cssSelector("[data-range='hour']")).click();
		browser.waitUntil((driver) -> driver.findElement(By.cssSelector("[data-chart='All channels'] figcaption"))
			.getText()
			.contains("per minute") ? true : null);
		assertThat(browser.consoleErrors()).isEmpty();
		Path screenshot = browser.screenshot("overview");
		Path docs = Path.of(System.getProperty("basedir", "."), "..", "docs");
		if (Boolean.getBoolean("docs.screenshots") && Files.isDirectory(docs)) {
			Files.copy(screenshot, docs.resolve("dashboard-overview.png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private Map<String, Long> rollup() {
		return counts("""
				SELECT channel || '/done', sum(done) FROM queue_job_minute GROUP BY channel HAVING sum(done) > 0
				UNION ALL
				SELECT channel || '/failed', sum(failed) FROM queue_job_minute GROUP BY channel HAVING sum(failed) > 0
				""");
	}

	private Map<String, Long> jobCounts() {
		return counts("""
				SELECT channel || '/' || state, count(*) FROM queue_job
				WHERE state IN ('done', 'failed') GROUP BY channel, state
				""");
	}

	private Map<String, Long> counts(String sql) {
		return this.jdbc.query(sql, (rs) -> {
			Map<String, Long> counts = new TreeMap<>();
			while (rs.next()) {
				counts.put(rs.getString(1), rs.getLong(2));
			}
			return counts;
		});
	}

	private void open(String hash) {
		WebDriver driver = browser.driver();
		driver.get("about:blank");
		driver.get("http://localhost:" + this.port + "/queue-job/" + hash);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ChartJobs chartJobs() {
			return new ChartJobs();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}secret").authorities("QUEUE_JOB_ADMIN").build());
		}

	}

	public static class ChartJobs {

		@QueueJob
		public void export(int invoice) {
		}

		@QueueJob(channel = "mail")
		public void mail(int order) {
			if (order % 5 == 0) {
				throw new FailedJobException("Mailbox full for order " + order);
			}
		}

	}

}
