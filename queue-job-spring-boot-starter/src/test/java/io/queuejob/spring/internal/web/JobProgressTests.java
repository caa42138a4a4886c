package io.queuejob.spring.internal.web;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.queuejob.spring.JobContext;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobProgress;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The progress a running job reports with {@code JobContext.progress}: stored while it
 * runs, its last report stored when it ends however soon after the previous one, and
 * returned by the API (a job and the list) and by {@link JobOperations}.
 */
@QueueJobIntegrationTest(classes = JobProgressTests.App.class, properties = "queue-job.poll-interval=1s")
class JobProgressTests {

	private static final String API = "/queue-job/api";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	ProgressJobs jobs;

	@Autowired
	JobOperations operations;

	@Autowired
	JdbcTemplate jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = AdminMockMvc.of(this.context);
	}

	@Test
	void progressOfARunningJobIsShownWhileItRunsAndItsLastReportWhenItEnds() throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, (j) -> j.export(1000)).delay().uuid();
		assertThat(this.jobs.halfway().await(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode job = job(uuid);
			assertThat(job.get("state").asString()).isEqualTo("started");
			assertThat(job.get("progress").isObject()).as(job::toString).isTrue();
			assertThat(job.get("progress").get("percent").asInt()).isEqualTo(40);
			assertThat(job.get("progress").get("message").asString()).isEqualTo("exported 400 of 1000");
			assertThat(job.get("progress").get("reportedAt").asString()).isNotBlank();
		});
		JsonNode listed = read(API + "/jobs?state=started").get("jobs").get(0);
		assertThat(listed.get("uuid").asString()).isEqualTo(uuid.toString());
		assertThat(listed.get("progress").get("percent").asInt()).isEqualTo(40);
		this.jobs.finish().countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(job(uuid).get("state").asString()));
		// the reports after 40 came within a second of it: only the last is stored, at
		// the end
		JobProgress progress = this.operations.detail(uuid).summary().progress();
		assertThat(progress.percent()).isEqualTo(100);
		assertThat(progress.message()).isEqualTo("exported 1000 of 1000");
		assertThat(job(uuid).get("progress").get("percent").asInt()).isEqualTo(100);
	}

	@Test
	void aJobThatReportsNothingHasNoProgress() throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, ProgressJobs::quiet).delay().uuid();
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(job(uuid).get("state").asString()));
		assertThat(job(uuid).get("progress").isNull()).isTrue();
		assertThat(this.operations.detail(uuid).summary().progress()).isNull();
	}

	@Test
	void longMessagesAreCutAndPercentagesOutOfRangeRefused() throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, ProgressJobs::verbose).delay().uuid();
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(job(uuid).get("state").asString()));
		JobProgress progress = this.operations.detail(uuid).summary().progress();
		assertThat(progress.percent()).isEqualTo(7);
		assertThat(progress.message()).hasSize(JobContext.MAX_PROGRESS_MESSAGE_LENGTH);
		assertThat(this.jobs.refusal()).contains("from 0 to 100, got 101");
	}

	@Test
	void progressOutsideAJobIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JobContext() {

			@Override
			public UUID uuid() {
				return UUID.randomUUID();
			}

			@Override
			public String function() {
				return "test.job";
			}

			@Override
			public String channel() {
				return "root";
			}

			@Override
			public int attempt() {
				return 1;
			}

		}.progress(-1, null)).withMessageContaining("got -1");
	}

	private JsonNode job(UUID uuid) throws Exception {
		return read(API + "/jobs/" + uuid);
	}

	private JsonNode read(String path) throws Exception {
		return this.json.readTree(
				this.mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ProgressJobs progressJobs() {
			return new ProgressJobs();
		}

	}

	public static class ProgressJobs {

		final CountDownLatch halfway = new CountDownLatch(1);

		final CountDownLatch finish = new CountDownLatch(1);

		volatile String refusal;

		public CountDownLatch halfway() {
			return this.halfway;
		}

		public CountDownLatch finish() {
			return this.finish;
		}

		public String refusal() {
			return this.refusal;
		}

		@QueueJob
		public void export(int total) {
			JobContext.current().progress(40, "exported " + (total * 40 / 100) + " of " + total);
			this.halfway.countDown();
			try {
				this.finish.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			for (int percent = 41; percent <= 100; percent++) {
				JobContext.current().progress(percent, "exported " + (total * percent / 100) + " of " + total);
			}
		}

		@QueueJob
		public void quiet() {
		}

		@QueueJob
		public void verbose() {
			JobContext.current().progress(7, "x".repeat(1000));
			try {
				JobContext.current().progress(101, null);
			}
			catch (IllegalArgumentException ex) {
				this.refusal = ex.getMessage();
			}
		}

	}

}
