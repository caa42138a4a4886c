package io.queuejob.spring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.queuejob.core.graph.Group;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Jobs enqueued by calling {@code @QueueJob} methods, run by the real listener, runner
 * and workers against PostgreSQL, with every outcome of the execution rules.
 */
@QueueJobIntegrationTest(classes = QueueJobEndToEndTests.App.class,
		properties = { "queue-job.channels=root:6, limited:2", "queue-job.poll-interval=2s",
				"queue-job.worker.threads=6", "queue-job.functions.[testJobs.plain].delayable=true" })
class QueueJobEndToEndTests {

	@Autowired
	TestJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@BeforeEach
	void table() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS job_effect (marker text)");
	}

	@Test
	void callStoresAJobThatAWorkerRuns() {
		this.jobs.record("hello");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE args ->> 0 = 'hello'", Integer.class))
			.isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobs.calls().contains("hello"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "done".equals(
					this.jdbc.queryForObject("SELECT state FROM queue_job WHERE args ->> 0 = 'hello'", String.class)));
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM queue_job WHERE args ->> 0 = 'hello'");
		assertThat(row).containsEntry("retry", 1).containsEntry("channel", "root").containsEntry("priority", 10);
		assertThat(row.get("description")).isEqualTo("TestJobs.record");
		assertThat(row.get("worker")).isNotNull();
		assertThat(row.get("exec_time_ms")).isNotNull();
	}

	@Test
	void enqueueRolledBackWithTheCallerLeavesNoJob() {
		this.transaction.executeWithoutResult((status) -> {
			this.jobs.write("rolled-back");
			status.setRollbackOnly();
		});
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE args ->> 0 = 'rolled-back'",
				Integer.class))
			.isZero();
	}

	@Test
	void retryableExceptionRetriesAfterThePatternsDelay() {
		this.jobs.flaky("second try");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobs.calls().contains("second try"));
		awaitState("testJobs.flaky", "done");
		assertThat(row("testJobs.flaky")).containsEntry("retry", 2);
	}

	@Test
	void jobMethodReadsItsJobContextOnEachTry() {
		assertThat(JobContext.isActive()).isFalse();
		assertThatIllegalStateException().isThrownBy(JobContext::current).withMessageContaining("No job is running");
		this.jobs.contextual();
		awaitState("testJobs.contextual", "done");
		String uuid = row("testJobs.contextual").get("uuid").toString();
		assertThat(this.jobs.calls()).filteredOn((call) -> call.startsWith("context "))
			.containsExactly("context " + uuid + " testJobs.contextual root.limited 1 true",
					"context " + uuid + " testJobs.contextual root.limited 2 true");
	}

	@Test
	void retryIsPendingWithTheEtaOfThePattern() {
		Instant before = Instant.now();
		this.jobs.retryLater();
		awaitState("testJobs.retryLater", "pending", "retry", 1);
		Map<String, Object> row = row("testJobs.retryLater");
		Instant eta = ((java.sql.Timestamp) row.get("eta")).toInstant();
		assertThat(eta).isAfterOrEqualTo(before.plusSeconds(3600)).isBefore(before.plusSeconds(3700));
		assertThat(row.get("result")).isEqualTo("come back in an hour");
		assertThat(row).containsEntry("state", "pending").containsEntry("worker", null);
	}

	@Test
	void maxRetriesReachedFailsTheJob() {
		this.jobs.alwaysRetry();
		awaitState("testJobs.alwaysRetry", "failed");
		Map<String, Object> row = row("testJobs.alwaysRetry");
		assertThat(row).containsEntry("retry", 2);
		assertThat((String) row.get("exc_message")).startsWith("Max. retries (2) reached");
		assertThat((java.sql.Timestamp) row.get("date_failed"))
			.isAfterOrEqualTo((java.sql.Timestamp) row.get("date_started"));
		assertThat(this.jobs.calls().stream().filter("alwaysRetry"::equals)).hasSize(2);
	}

	@Test
	void serializationFailureIsRetriedAtOnceWithoutCountingATry() {
		this.jobs.serializationFailureOnce("serialized");
		awaitState("testJobs.serializationFailureOnce", "done");
		assertThat(this.jobs.calls()).contains("serialized");
		assertThat(row("testJobs.serializationFailureOnce")).containsEntry("retry", 1);
	}

	@Test
	void concurrencyFailureRetriesAreBoundedThenCountAsATry() {
		this.jobs.alwaysDeadlocked();
		awaitState("testJobs.alwaysDeadlocked", "failed");
		assertThat((String) row("testJobs.alwaysDeadlocked").get("exc_message")).startsWith("Max. retries (1) reached")
			.contains("Concurrency failure");
		assertThat(this.jobs.calls().stream().filter("deadlocked"::equals)).hasSize(4);
	}

	@Test
	void retryOfAKeyedJobGivesWayToTheNewerWaitingJob() throws InterruptedException {
		this.jobs.keyed("first");
		assertThat(this.jobs.awaitKeyedStarted()).isTrue();
		this.jobs.keyed("second");
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> this.jdbc.queryForObject(
					"SELECT retry FROM queue_job WHERE job_function = 'testJobs.keyed' AND args ->> 0 = 'second' AND state = 'pending'",
					Integer.class), (retry) -> retry == 1);
		this.jobs.releaseKeyed();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "cancelled".equals(this.jdbc.queryForObject(
					"SELECT state FROM queue_job WHERE job_function = 'testJobs.keyed' AND args ->> 0 = 'first'",
					String.class)));
		Map<String, Object> first = this.jdbc
			.queryForMap("SELECT * FROM queue_job WHERE job_function = 'testJobs.keyed' AND args ->> 0 = 'first'");
		UUID second = this.jdbc.queryForObject(
				"SELECT uuid FROM queue_job WHERE job_function = 'testJobs.keyed' AND args ->> 0 = 'second'",
				UUID.class);
		assertThat((String) first.get("result")).contains(second.toString()).contains("same identity key");
	}

	@Test
	void exceptionFailsTheJobWithClassMessageAndTrace() {
		this.jobs.boom();
		awaitState("testJobs.boom", "failed");
		Map<String, Object> row = row("testJobs.boom");
		assertThat(row).containsEntry("exc_name", IllegalStateException.class.getName())
			.containsEntry("exc_message", "boom")
			.containsEntry("retry", 1);
		assertThat((String) row.get("exc_info")).contains("IllegalStateException: boom").contains("TestJobs.boom");
	}

	@Test
	void nothingToDoEndsDoneWithItsMessage() {
		this.jobs.nothingToDo();
		awaitState("testJobs.nothingToDo", "done");
		assertThat(row("testJobs.nothingToDo")).containsEntry("result", "nothing left to export");
	}

	@Test
	void failedTransactionalJobRollsBackItsOwnWrites() {
		this.jobs.writeThenFail("undone");
		awaitState("testJobs.writeThenFail", "failed");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM job_effect WHERE marker = 'undone'", Integer.class))
			.isZero();
	}

	@Test
	void transactionalJobCommitsItsWritesWithDone() {
		this.jobs.write("kept");
		awaitState("testJobs.write", "done");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM job_effect WHERE marker = 'kept'", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void nonTransactionalJobRuns() {
		this.jobs.outsideTransaction("outside");
		awaitState("testJobs.outsideTransaction", "done");
		assertThat(this.jobs.calls()).contains("outside");
	}

	@Test
	void argumentsAreReadBackWithTheDeclaredTypes() {
		UUID id = UUID.fromString("7d444840-9dc0-11d1-b245-5ffdce74fad2");
		this.jobs.typed(new TestJobs.Order(7, "Ada", new BigDecimal("12.50")), List.of(LocalDate.of(2026, 11, 23)),
				Map.of("net", new BigDecimal("10.00")), TestJobs.Color.GREEN, id);
		awaitState("testJobs.typed", "done");
		assertThat(this.jobs.calls())
			.contains("Order[id=7, customer=Ada, total=12.50]|[2026-11-23]|{net=10.00}|GREEN|" + id);
	}

	@Test
	void programmaticCallTakesPerCallOptions() {
		JobRef ref = this.jobQueue.delayable(this.jobs, (j) -> j.plain("options"))
			.priority(3)
			.channel("limited.sub")
			.description("with options")
			.maxRetries(7)
			.delay();
		assertThat(ref.created()).isTrue();
		await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(new JobRows(this.jdbc).stateOf(ref.uuid())));
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM queue_job WHERE uuid = ?", ref.uuid());
		assertThat(row).containsEntry("priority", 3)
			.containsEntry("channel", "root.limited.sub")
			.containsEntry("description", "with options")
			.containsEntry("max_retries", 7)
			.containsEntry("job_function", "testJobs.plain");
		assertThat(this.jobs.calls()).contains("plain:options");
	}

	@Test
	void dependentsRunAfterAllTheirParentsEvenWhenParentsFinishTogether() {
		int graphs = 20;
		for (int i = 0; i < graphs; i++) {
			String n = "diamond" + i + "-";
			Delayable top = this.jobQueue.delayable(this.jobs, (j) -> j.record(n + "a"));
			Delayable left = this.jobQueue.delayable(this.jobs, (j) -> j.record(n + "b"));
			Delayable right = this.jobQueue.delayable(this.jobs, (j) -> j.record(n + "c"));
			Delayable bottom = this.jobQueue.delayable(this.jobs, (j) -> j.record(n + "d"));
			top.onDone(Group.of(left, right).onDone(bottom));
			top.delay();
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> IntStream.range(0, graphs).allMatch((i) -> this.jobs.calls().contains("diamond" + i + "-d")));
		List<String> order = List.copyOf(this.jobs.calls());
		for (int i = 0; i < graphs; i++) {
			String n = "diamond" + i + "-";
			assertThat(order.indexOf(n + "a")).isLessThan(order.indexOf(n + "b")).isLessThan(order.indexOf(n + "d"));
			assertThat(order.indexOf(n + "c")).isGreaterThan(order.indexOf(n + "a")).isLessThan(order.indexOf(n + "d"));
		}
		assertThat(this.jdbc.queryForObject(
				"SELECT count(DISTINCT graph_uuid) FROM queue_job WHERE args ->> 0 LIKE 'diamond%' AND state = 'done'",
				Integer.class))
			.isEqualTo(graphs);
	}

	@Test
	void bulkEnqueuedJobsRun() {
		List<String> items = IntStream.range(0, 20).mapToObj((i) -> "bulk-" + i).toList();
		int stored = this.jobQueue.delayableAll(this.jobs, items, TestJobs::record).delay();
		assertThat(stored).isEqualTo(20);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobs.calls().containsAll(items));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE args ->> 0 LIKE 'bulk-%' AND state = 'done'",
					Integer.class) == 20);
	}

	@Test
	void jobInsertedWithPlainSqlIsPickedUp() {
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 5, 'testJobs.record', '["from sql"]')
				""");
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.jobs.calls().contains("from sql"));
	}

	@Test
	void channelCapacityHoldsUnderLoad() {
		IntStream.range(0, 12).forEach((i) -> this.jobs.slow("slow-" + i));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> IntStream.range(0, 12).allMatch((i) -> this.jobs.calls().contains("slow-" + i)));
		assertThat(this.jobs.maxRunning()).isBetween(1, 2);
	}

	@Test
	void malformedStoredArgumentsFailTheJobWithAReadableMessage() {
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 5, 'testJobs.typed', '["not an order"]')
				""");
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		awaitState("testJobs.typed", "failed");
		assertThat((String) row("testJobs.typed").get("exc_message"))
			.contains("Cannot read argument 'order' (parameter 1 of ");
	}

	@Test
	void unknownJobFunctionFailsWithAClearMessage() {
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 5, 'renamedBean.gone', '[]')
				""");
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		awaitState("renamedBean.gone", "failed");
		assertThat((String) row("renamedBean.gone").get("exc_message")).contains("renamedBean.gone")
			.contains("renamed or removed");
	}

	@Test
	void jobNamingAPublicMethodThatIsNoJobFunctionFailsWithAClearMessage() {
		// testJobs.calls() is public, but neither @QueueJob nor declared
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 5, 'testJobs.calls', '[]')
				""");
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		awaitState("testJobs.calls", "failed");
		assertThat(row("testJobs.calls")).containsEntry("exc_name", "NoSuchJobFunction");
		assertThat((String) row("testJobs.calls").get("exc_message")).contains("No job function 'testJobs.calls'")
			.contains("nothing was called");
	}

	private void awaitState(String function, String state) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> state.equals(this.jdbc.queryForObject(
					"SELECT state FROM queue_job WHERE job_function = ? ORDER BY id DESC LIMIT 1", String.class,
					function)));
	}

	private void awaitState(String function, String state, String column, Object value) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Map<String, Object> row = row(function);
			return state.equals(row.get("state")) && value.equals(row.get(column));
		});
	}

	private Map<String, Object> row(String function) {
		return this.jdbc.queryForMap("SELECT * FROM queue_job WHERE job_function = ? ORDER BY id DESC LIMIT 1",
				function);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		TestJobs testJobs(JdbcTemplate jdbc) {
			return new TestJobs(jdbc);
		}

	}

}
