package io.queuejob.spring.internal.operations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.WaitingReason;
import io.queuejob.spring.operations.WaitingReason.Kind;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.JobRows.Stored;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each reason a waiting job gives, for a job in that situation, on a database of its own
 * with no runner or worker, so that only the test changes jobs and nodes.
 */
@SpringBootTest(classes = AutoConfiguredApplication.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false", "spring.main.web-application-type=none",
				"queue-job.channels=root:10, cap:1, seq:1:sequential, rated:5:rate=2/1h, quiet:1, keyed:5:per-key=1" })
class WaitingReasonsTests {

	private static final TestDatabase database = TestDatabase.fresh();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@Autowired
	JobOperations operations;

	@Autowired
	JdbcTemplate jdbc;

	private JobRows rows;

	@BeforeEach
	void deleteJobs() {
		this.rows = new JobRows(this.jdbc);
		this.rows.deleteAll();
	}

	@Test
	void etaInTheFuture() {
		Instant eta = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
		Stored job = this.rows.job(JobState.PENDING).channel("root.quiet").insert();
		this.jdbc.update("UPDATE queue_job SET eta = ? WHERE id = ?", Timestamp.from(eta), job.id());
		assertThat(reason(job)).satisfies((reason) -> {
			assertThat(reason.kind()).isEqualTo(Kind.ETA);
			assertThat(reason.until()).isEqualTo(eta);
		});
	}

	@Test
	void waitingForAParent() {
		Stored parent = this.rows.job(JobState.FAILED).channel("root.quiet").insert();
		Stored child = this.rows.job(JobState.WAIT_DEPENDENCIES).channel("root.quiet").insert();
		this.rows.dependency(parent, child);
		assertThat(reason(child).kind()).isEqualTo(Kind.PARENTS);
		assertThat(reason(child).job()).isEqualTo(parent.uuid());
	}

	@Test
	void channelOrAncestorPaused() {
		Stored job = this.rows.job(JobState.PENDING).channel("root.quiet.sub").insert();
		this.operations.pause("quiet");
		assertThat(reason(job).kind()).isEqualTo(Kind.PAUSED);
		assertThat(reason(job).channel()).isEqualTo("root.quiet");
	}

	@Test
	void channelAtCapacityNamesTheChannel() {
		this.rows.job(JobState.STARTED).channel("root.cap.sub").insert();
		Stored job = this.rows.job(JobState.PENDING).channel("root.cap").insert();
		assertThat(reason(job).kind()).isEqualTo(Kind.CAPACITY);
		assertThat(reason(job).channel()).isEqualTo("root.cap");
	}

	@Test
	void keyAtItsLimitNamesTheChannelAndTheKey() {
		Stored running = this.rows.job(JobState.STARTED).channel("root.keyed.sub").insert();
		Stored job = this.rows.job(JobState.PENDING).channel("root.keyed").insert();
		Stored otherKey = this.rows.job(JobState.PENDING).channel("root.keyed").insert();
		this.jdbc.update("UPDATE queue_job SET partition_key = 'tenant-1' WHERE id IN (?, ?)", running.id(), job.id());
		this.jdbc.update("UPDATE queue_job SET partition_key = 'tenant-2' WHERE id = ?", otherKey.id());
		WaitingReason reason = reason(job);
		assertThat(reason.kind()).isEqualTo(Kind.KEY_LIMIT);
		assertThat(reason.channel()).isEqualTo("root.keyed");
		assertThat(reason.message()).contains("'tenant-1'");
		assertThat(reason(otherKey).kind()).as("another key is not held back").isEqualTo(Kind.NEXT_ROUND);
	}

	@Test
	void sequentialPredecessorNotDone() {
		Stored first = this.rows.job(JobState.PENDING)
			.channel("root.seq")
			.created(Instant.now().minusSeconds(60))
			.insert();
		Stored second = this.rows.job(JobState.PENDING).channel("root.seq").insert();
		assertThat(reason(second).kind()).isEqualTo(Kind.SEQUENTIAL);
		assertThat(reason(second).job()).isEqualTo(first.uuid());
		assertThat(reason(first).kind()).as("the first job waits for nothing").isEqualTo(Kind.NEXT_ROUND);
	}

	@Test
	void rateWindowFullUntilItsOldestStartLeavesIt() {
		for (int i = 0; i < 2; i++) {
			Stored done = this.rows.job(JobState.DONE).channel("root.rated").insert();
			this.jdbc.update(
					"UPDATE queue_job SET date_started = clock_timestamp() - interval '10 minutes' WHERE id = ?",
					done.id());
		}
		Stored job = this.rows.job(JobState.PENDING).channel("root.rated").insert();
		WaitingReason reason = reason(job);
		assertThat(reason.kind()).isEqualTo(Kind.RATE);
		assertThat(reason.channel()).isEqualTo("root.rated");
		assertThat(reason.until()).isBetween(Instant.now().plus(49, ChronoUnit.MINUTES),
				Instant.now().plus(51, ChronoUnit.MINUTES));
	}

	@Test
	void noWorkerFree() {
		this.jdbc.update("""
				INSERT INTO queue_job_node (name, started_at, last_seen, runner, worker_threads, busy_threads)
				VALUES ('busy-node', clock_timestamp(), clock_timestamp(), true, 2, 2)""");
		Stored job = this.rows.job(JobState.PENDING).channel("root.quiet").insert();
		assertThat(reason(job).kind()).isEqualTo(Kind.NO_WORKER_FREE);
		this.jdbc.update("UPDATE queue_job_node SET busy_threads = 1");
		assertThat(reason(job).kind()).isEqualTo(Kind.NEXT_ROUND);
	}

	@Test
	void jobsThatDoNotWaitHaveNoReason() {
		assertThat(reason(this.rows.job(JobState.STARTED).insert())).isNull();
		assertThat(reason(this.rows.job(JobState.DONE).insert())).isNull();
		assertThat(this.operations.waitingReason(UUID.randomUUID())).isNull();
	}

	private WaitingReason reason(Stored job) {
		return this.operations.waitingReason(job.uuid());
	}

}
