package io.queuejob.spring.internal.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.core.NothingToDoJob;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a job method returns: stored as JSON in the job's {@code result} and returned as
 * JSON by the API and {@link JobOperations}; nothing for a {@code void} method; a note
 * instead of a value too large or that cannot be written, the job done all the same; the
 * text outcomes read as JSON strings; and what a call through the proxy returns.
 */
@QueueJobIntegrationTest(classes = JobResultsTests.App.class,
		properties = { "queue-job.poll-interval=1s", "queue-job.max-result-size=1KB" })
@ExtendWith(OutputCaptureExtension.class)
class JobResultsTests {

	private static final String API = "/queue-job/api";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	ResultJobs jobs;

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
	void returnedRecordRoundTripsThroughTheApiAndJobOperations() throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, (j) -> j.receipt("INV-7", 3)).delay().uuid();
		JsonNode result = doneJob(uuid).get("result");
		assertThat(result.isObject()).as(result::toString).isTrue();
		assertThat(result.get("invoice").asString()).isEqualTo("INV-7");
		assertThat(result.get("lines").asInt()).isEqualTo(3);
		assertThat(result.get("tags").get(1).asString()).isEqualTo("<b>sent</b>");
		assertThat(this.json.readValue(this.operations.detail(uuid).resultJson(), Receipt.class))
			.isEqualTo(new Receipt("INV-7", 3, List.of("checked", "<b>sent</b>")));
		assertThat(storedResult(uuid))
			.isEqualTo("{\"invoice\":\"INV-7\",\"lines\":3,\"tags\":[\"checked\",\"<b>sent</b>\"]}");
	}

	@Test
	void returnedMapOfANonTransactionalJobRoundTrips() throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, (j) -> j.totals("eu")).delay().uuid();
		JsonNode result = doneJob(uuid).get("result");
		assertThat(result.get("region").asString()).isEqualTo("eu");
		assertThat(result.get("count").asInt()).isEqualTo(12);
		assertThat(this.json.readTree(this.operations.detail(uuid).resultJson())).isEqualTo(result);
	}

	@Test
	void voidAndNullAndEmptyOptionalLeaveNoResult() throws Exception {
		UUID quiet = this.jobQueue.delayable(this.jobs, ResultJobs::quiet).delay().uuid();
		UUID nothing = this.jobQueue.delayable(this.jobs, (j) -> j.maybe(false)).delay().uuid();
		for (UUID uuid : List.of(quiet, nothing)) {
			assertThat(doneJob(uuid).get("result").isNull()).isTrue();
			assertThat(storedResult(uuid)).isNull();
			assertThat(this.operations.detail(uuid).resultJson()).isNull();
		}
		UUID something = this.jobQueue.delayable(this.jobs, (j) -> j.maybe(true)).delay().uuid();
		assertThat(doneJob(something).get("result").asString()).isEqualTo("found");
	}

	@Test
	void oversizedResultIsReplacedByANoteAndTheJobIsDone(CapturedOutput output) throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, (j) -> j.large(2000)).delay().uuid();
		JsonNode result = doneJob(uuid).get("result");
		assertThat(result.asString()).startsWith("Result not stored: its JSON takes 2002 bytes")
			.contains("queue-job.max-result-size (1024 bytes)");
		assertThat(output).contains("Result of job function resultJobs.large not stored");
	}

	@Test
	void unwritableResultIsReplacedByANoteNamingItsTypeAndTheJobIsDone(CapturedOutput output) throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, ResultJobs::unwritable).delay().uuid();
		JsonNode result = doneJob(uuid).get("result");
		assertThat(result.asString())
			.isEqualTo("Result not stored: a " + Unwritable.class.getName() + " cannot be written as JSON");
		assertThat(output).contains("Result of job function resultJobs.unwritable not stored")
			.contains("cannot be read");
	}

	@Test
	void textOutcomesOfNewAndOldRowsReadAsJsonStrings() throws Exception {
		UUID uuid = this.jobQueue.delayable(this.jobs, ResultJobs::nothingToDo).delay().uuid();
		assertThat(doneJob(uuid).get("result").asString()).isEqualTo("nothing left to export");
		assertThat(storedResult(uuid)).isEqualTo("nothing left to export");
		assertThat(this.operations.detail(uuid).resultJson()).isEqualTo("\"nothing left to export\"");
		UUID old = new JobRows(this.jdbc).job(JobState.DONE).insert().uuid();
		this.jdbc.update("UPDATE queue_job SET result = ? WHERE uuid = ?", "Manually set to done \"now\"", old);
		assertThat(job(old).get("result").asString()).isEqualTo("Manually set to done \"now\"");
	}

	@Test
	void callThroughTheProxyThatEnqueuesReturnsNullOrAnEmptyOptional() {
		assertThat(this.jobs.receipt("INV-8", 1)).isNull();
		assertThat(this.jobs.maybe(true)).isEmpty();
	}

	private JsonNode doneJob(UUID uuid) throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(job(uuid).get("state").asString()));
		return job(uuid);
	}

	private JsonNode job(UUID uuid) throws Exception {
		return this.json.readTree(this.mvc.perform(get(API + "/jobs/" + uuid))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private String storedResult(UUID uuid) {
		return this.jdbc.queryForObject("SELECT result FROM queue_job WHERE uuid = ?", String.class, uuid);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ResultJobs resultJobs() {
			return new ResultJobs();
		}

	}

	public record Receipt(String invoice, int lines, List<String> tags) {

	}

	/**
	 * A value Jackson cannot write: its getter throws.
	 */
	public static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

	public static class ResultJobs {

		@QueueJob
		public Receipt receipt(String invoice, int lines) {
			return new Receipt(invoice, lines, List.of("checked", "<b>sent</b>"));
		}

		@QueueJob(transactional = false)
		public Map<String, Object> totals(String region) {
			return Map.of("region", region, "count", 12);
		}

		@QueueJob
		public void quiet() {
		}

		@QueueJob
		public Optional<String> maybe(boolean found) {
			return found ? Optional.of("found") : Optional.empty();
		}

		@QueueJob
		public String large(int length) {
			return "x".repeat(length);
		}

		@QueueJob
		public Unwritable unwritable() {
			return new Unwritable();
		}

		@QueueJob
		public String nothingToDo() {
			throw new NothingToDoJob("nothing left to export");
		}

	}

}
