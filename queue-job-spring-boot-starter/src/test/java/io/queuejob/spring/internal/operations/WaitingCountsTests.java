package io.queuejob.spring.internal.operations;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.queuejob.core.JobState;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.WaitingCounts;
import io.queuejob.spring.operations.WaitingReason.Kind;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.JobRows.Stored;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The waiting jobs counted per channel and reason in bulk, for jobs put in each
 * situation, read through {@link JobOperations}, the channels of the REST API and the
 * {@code queue.job.waiting} gauges, and checked against the reason each job gives on its
 * own. No runner or worker runs, so that only the test changes jobs and nodes; the gauges
 * count on every read ({@code waiting-refresh=0s}).
 */
@SpringBootTest(classes = WaitingCountsTests.App.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false", "queue-job.metrics.waiting-refresh=0s",
				"queue-job.channels=root:10, cap:1, seq:1:sequential, rated:5:rate=2/1h, quiet:1,"
						+ " keyed:5:per-key=1, held:2" })
class WaitingCountsTests {

	private static final TestDatabase database = TestDatabase.fresh();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@Autowired
	JobOperations operations;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry registry;

	@Autowired
	WebApplicationContext context;

	private JobRows rows;

	@BeforeEach
	void deleteJobs() {
		this.rows = new JobRows(this.jdbc);
		this.rows.deleteAll();
	}

	@Test
	void eachSituationIsCountedUnderItsReasonPerChannel() {
		putJobsInEverySituation();
		WaitingCounts counts = this.operations.waitingCounts();
		assertThat(counts.channels().get("root.quiet"))
			.containsExactlyInAnyOrderEntriesOf(Map.of(Kind.ETA, 2L, Kind.PARENTS, 1L, Kind.NEXT_ROUND, 1L));
		assertThat(counts.channels().get("root.cap")).containsExactlyEntriesOf(Map.of(Kind.CAPACITY, 3L));
		assertThat(counts.channels().get("root.held.sub")).containsExactlyEntriesOf(Map.of(Kind.PAUSED, 2L));
		assertThat(counts.channels().get("root.keyed"))
			.containsExactlyInAnyOrderEntriesOf(Map.of(Kind.KEY_LIMIT, 2L, Kind.NEXT_ROUND, 1L));
		assertThat(counts.channels().get("root.seq"))
			.containsExactlyInAnyOrderEntriesOf(Map.of(Kind.SEQUENTIAL, 2L, Kind.NEXT_ROUND, 1L));
		assertThat(counts.channels().get("root.rated")).containsExactlyEntriesOf(Map.of(Kind.RATE, 1L));
		assertThat(counts.channels()).doesNotContainKey("root.cap.sub");
		assertThat(counts.count("root.cap", Kind.ETA)).isZero();
		assertThat(counts.channels()).as("the reason each job gives").isEqualTo(countedOneByOne());
	}

	@Test
	void busyWorkersHoldBackWhatNothingElseDoes() {
		putJobsInEverySituation();
		this.jdbc.update("""
				INSERT INTO queue_job_node (name, started_at, last_seen, runner, worker_threads, busy_threads)
				VALUES ('busy-node', clock_timestamp(), clock_timestamp(), true, 2, 2)""");
		WaitingCounts counts = this.operations.waitingCounts();
		assertThat(counts.count("root.quiet", Kind.NO_WORKER_FREE)).isEqualTo(1);
		assertThat(counts.count("root.keyed", Kind.NO_WORKER_FREE)).isEqualTo(1);
		assertThat(counts.count("root.quiet", Kind.NEXT_ROUND)).isZero();
		assertThat(counts.count("root.cap", Kind.CAPACITY)).as("capacity is checked first").isEqualTo(3);
		assertThat(counts.channels()).isEqualTo(countedOneByOne());
	}

	@Test
	void aSequentialChannelWithAFailedJobHoldsBackAllItsDueJobs() {
		this.rows.job(JobState.FAILED).channel("root.seq.sub").insert();
		this.rows.job(JobState.PENDING).channel("root.seq").created(Instant.now().minusSeconds(60)).insert();
		this.rows.job(JobState.PENDING).channel("root.seq.sub").insert();
		WaitingCounts counts = this.operations.waitingCounts();
		assertThat(counts.count("root.seq", Kind.SEQUENTIAL)).isEqualTo(1);
		assertThat(counts.count("root.seq.sub", Kind.SEQUENTIAL)).isEqualTo(1);
		assertThat(counts.channels()).isEqualTo(countedOneByOne());
	}

	@Test
	void theFirstJobOfASequentialChannelMayBeInASubChannel() {
		this.rows.job(JobState.PENDING).channel("root.seq.sub").created(Instant.now().minusSeconds(60)).insert();
		this.rows.job(JobState.PENDING).channel("root.seq").insert();
		this.rows.job(JobState.PENDING).channel("root.seq").insert();
		WaitingCounts counts = this.operations.waitingCounts();
		assertThat(counts.channels().get("root.seq.sub")).containsExactlyEntriesOf(Map.of(Kind.NEXT_ROUND, 1L));
		assertThat(counts.channels().get("root.seq")).containsExactlyEntriesOf(Map.of(Kind.SEQUENTIAL, 2L));
		assertThat(counts.channels()).isEqualTo(countedOneByOne());
	}

	@Test
	void noWaitingJobCountsNothing() {
		this.rows.job(JobState.STARTED).channel("root.quiet").insert();
		this.rows.job(JobState.DONE).channel("root.quiet").insert();
		assertThat(this.operations.waitingCounts().channels()).isEmpty();
	}

	@Test
	void theChannelsOfTheApiGiveTheirWaitingJobsPerReason() throws Exception {
		putJobsInEverySituation();
		MockMvc mvc = AdminMockMvc.of(this.context);
		mvc.perform(get("/queue-job/api/channels"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.name == 'root.cap')].waitingReasons.capacity").value(3))
			.andExpect(jsonPath("$[?(@.name == 'root.quiet')].waitingReasons.eta").value(2))
			.andExpect(jsonPath("$[?(@.name == 'root.quiet')].waitingReasons.parents").value(1))
			.andExpect(jsonPath("$[?(@.name == 'root.quiet')].waitingReasons.next_round").value(1))
			.andExpect(jsonPath("$[?(@.name == 'root.held.sub')].waitingReasons.paused").value(2))
			.andExpect(jsonPath("$[?(@.name == 'root.keyed')].waitingReasons.key_limit").value(2))
			.andExpect(jsonPath("$[?(@.name == 'root.seq')].waitingReasons.sequential").value(2))
			.andExpect(jsonPath("$[?(@.name == 'root.rated')].waitingReasons.rate").value(1))
			.andExpect(jsonPath("$[?(@.name == 'root.cap')].waitingReasons.eta").isEmpty());
	}

	@Test
	void theGaugesGiveTheCountsOfEachChannelAndReason() {
		putJobsInEverySituation();
		assertThat(gauge("root.cap", "capacity")).isEqualTo(3);
		assertThat(gauge("root.cap", "eta")).isZero();
		assertThat(gauge("root.quiet", "eta")).isEqualTo(2);
		assertThat(gauge("root.quiet", "parents")).isEqualTo(1);
		assertThat(gauge("root.keyed", "key_limit")).isEqualTo(2);
		assertThat(gauge("root.seq", "sequential")).isEqualTo(2);
		assertThat(gauge("root.rated", "rate")).isEqualTo(1);
		// a channel that is not configured gets its gauges once it has waiting jobs
		assertThat(gauge("root.held.sub", "paused")).isEqualTo(2);
		assertThat(this.registry.find("queue.job.waiting").tag("channel", "root.cap").gauges())
			.as("one gauge per reason")
			.hasSize(Kind.values().length);
		this.operations.resume("held");
		assertThat(gauge("root.held.sub", "paused")).isZero();
		assertThat(gauge("root.held.sub", "eta")).isEqualTo(1);
		assertThat(gauge("root.held.sub", "next_round")).isEqualTo(1);
	}

	private double gauge(String channel, String reason) {
		return this.registry.get("queue.job.waiting").tag("channel", channel).tag("reason", reason).gauge().value();
	}

	/**
	 * Jobs held back by each reason but busy workers: in {@code root.quiet} two with an
	 * eta an hour away, one waiting for a failed parent and one free; in {@code root.cap}
	 * three behind a job running in a sub-channel; in {@code root.held.sub} two under the
	 * paused {@code root.held}, one with an eta; in {@code root.keyed} two of a key at
	 * its limit and one of another key; in {@code root.seq} three, the oldest first; in
	 * {@code root.rated} one behind two starts within the hour.
	 */
	private void putJobsInEverySituation() {
		for (int i = 0; i < 2; i++) {
			eta(this.rows.job(JobState.PENDING).channel("root.quiet").insert());
		}
		Stored parent = this.rows.job(JobState.FAILED).channel("root.quiet").insert();
		this.rows.dependency(parent, this.rows.job(JobState.WAIT_DEPENDENCIES).channel("root.quiet").insert());
		this.rows.job(JobState.PENDING).channel("root.quiet").insert();

		this.rows.job(JobState.STARTED).channel("root.cap.sub").insert();
		for (int i = 0; i < 3; i++) {
			this.rows.job(JobState.PENDING).channel("root.cap").insert();
		}

		this.operations.pause("held");
		eta(this.rows.job(JobState.PENDING).channel("root.held.sub").insert());
		this.rows.job(JobState.PENDING).channel("root.held.sub").insert();

		key(this.rows.job(JobState.STARTED).channel("root.keyed.sub").insert(), "tenant-1");
		key(this.rows.job(JobState.PENDING).channel("root.keyed").insert(), "tenant-1");
		key(this.rows.job(JobState.PENDING).channel("root.keyed").insert(), "tenant-1");
		key(this.rows.job(JobState.PENDING).channel("root.keyed").insert(), "tenant-2");

		this.rows.job(JobState.PENDING).channel("root.seq").created(Instant.now().minusSeconds(60)).insert();
		this.rows.job(JobState.PENDING).channel("root.seq").insert();
		this.rows.job(JobState.PENDING).channel("root.seq").insert();

		for (int i = 0; i < 2; i++) {
			Stored done = this.rows.job(JobState.DONE).channel("root.rated").insert();
			this.jdbc.update(
					"UPDATE queue_job SET date_started = clock_timestamp() - interval '10 minutes' WHERE id = ?",
					done.id());
		}
		this.rows.job(JobState.PENDING).channel("root.rated").insert();
	}

	private void eta(Stored job) {
		this.jdbc.update("UPDATE queue_job SET eta = now() + interval '1 hour' WHERE id = ?", job.id());
	}

	private void key(Stored job, String key) {
		this.jdbc.update("UPDATE queue_job SET partition_key = ? WHERE id = ?", key, job.id());
	}

	/**
	 * The reason each waiting job gives on its own, counted per channel.
	 */
	private Map<String, Map<Kind, Long>> countedOneByOne() {
		List<Map<String, Object>> jobs = this.jdbc
			.queryForList("SELECT uuid, channel FROM queue_job WHERE state IN ('pending', 'wait_dependencies')");
		Map<String, Map<Kind, Long>> counts = new HashMap<>();
		for (Map<String, Object> job : jobs) {
			Kind kind = this.operations.waitingReason((UUID) job.get("uuid")).kind();
			counts.computeIfAbsent((String) job.get("channel"), (channel) -> new EnumMap<>(Kind.class))
				.merge(kind, 1L, Long::sum);
		}
		return counts;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
