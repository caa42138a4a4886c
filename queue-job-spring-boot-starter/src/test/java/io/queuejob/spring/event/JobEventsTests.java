package io.queuejob.spring.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.queuejob.core.JobState;
import io.queuejob.core.RetryableJobException;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Job lifecycle events, published by the real workers and runner once each change is
 * committed, with what a listener needs; none for a change that rolled back or that a
 * guard refused. One worker thread, so that jobs run one after the other.
 */
@QueueJobIntegrationTest(classes = JobEventsTests.App.class, properties = { "queue-job.worker.threads=1",
		"queue-job.poll-interval=1s", "queue-job.runner.dead-node-grace=1s" })
class JobEventsTests {

	@Autowired
	EventJobs jobs;

	@Autowired
	Listener listener;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void table() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS job_effect (marker text)");
	}

	@Test
	void doneEventIsPublishedAfterTheJobsTransactionCommitted() {
		this.jobs.write("committed");
		JobDoneEvent event = awaitEvent(JobDoneEvent.class, "eventJobs.write");
		assertThat(event.getState()).isEqualTo(JobState.DONE);
		assertThat(event.getChannel()).isEqualTo("root");
		assertThat(event.getDescription()).isEqualTo("EventJobs.write");
		assertThat(event.getRetry()).isEqualTo(1);
		assertThat(event.getMaxRetries()).isEqualTo(5);
		assertThat(event.getWorker()).isNotBlank();
		assertThat(event.getExecutionTime()).isPositive();
		assertThat(event.getUuid()).isEqualTo(uuid("eventJobs.write"));
		// what the listener saw from another connection when it got the event
		assertThat(this.listener.stateSeen(event)).isEqualTo("done");
	}

	@Test
	void failedEventCarriesTheException() {
		this.jobs.boom();
		JobFailedEvent event = awaitEvent(JobFailedEvent.class, "eventJobs.boom");
		assertThat(event.getState()).isEqualTo(JobState.FAILED);
		assertThat(event.getExcName()).isEqualTo(IllegalStateException.class.getName());
		assertThat(event.getExcMessage()).isEqualTo("boom");
		assertThat(event.getRetry()).isEqualTo(1);
		assertThat(event.getOccurredAt()).isBeforeOrEqualTo(Instant.now());
		assertThat(this.listener.stateSeen(event)).isEqualTo("failed");
	}

	@Test
	void retriedEventCarriesTheNextEta() {
		Instant before = Instant.now();
		this.jobs.retryLater();
		JobRetriedEvent event = awaitEvent(JobRetriedEvent.class, "eventJobs.retryLater");
		assertThat(event.getState()).isEqualTo(JobState.PENDING);
		assertThat(event.getEta()).isAfterOrEqualTo(before.plusSeconds(3600)).isBefore(before.plusSeconds(3700));
		assertThat(event.getExcName()).isEqualTo(RetryableJobException.class.getName());
		assertThat(event.getExcMessage()).isEqualTo("come back in an hour");
		assertThat(event.getRetry()).isEqualTo(1);
		assertThat(this.listener.stateSeen(event)).isEqualTo("pending");
	}

	@Test
	void rescueOfADeadNodesJobPublishesRescuedEvent() {
		UUID uuid = insertStartedByDeadNode(1, 5);
		JobRescuedEvent event = awaitEvent(JobRescuedEvent.class, uuid);
		assertThat(event.getState()).isEqualTo(JobState.PENDING);
		assertThat(event.getWorker()).isEqualTo("ghost-node");
		assertThat(event.getJobFunction()).isEqualTo("eventJobs.record");
		assertThat(event.getDescription()).isEqualTo("left behind");
		assertThat(event.getRetry()).isEqualTo(1);
		// it runs again, on this node
		assertThat(awaitEvent(JobDoneEvent.class, uuid).getRetry()).isEqualTo(2);
	}

	@Test
	void rescueWithoutTriesLeftPublishesRescuedAndFailedEvents() {
		UUID uuid = insertStartedByDeadNode(3, 3);
		assertThat(awaitEvent(JobRescuedEvent.class, uuid).getState()).isEqualTo(JobState.FAILED);
		JobFailedEvent failed = awaitEvent(JobFailedEvent.class, uuid);
		assertThat(failed.getExcName()).isEqualTo("JobFoundDead");
		assertThat(failed.getExcMessage()).contains("ghost-node");
		assertThat(this.listener.stateSeen(failed)).isEqualTo("failed");
	}

	@Test
	void noEventWhenTheTransactionalJobsWorkRollsBackBecauseItWasTakenAway() throws InterruptedException {
		this.jobs.blockingWrite("taken away");
		assertThat(this.jobs.awaitWriteBlocked()).isTrue();
		UUID uuid = uuid("eventJobs.blockingWrite");
		// a user cancels the job while it runs: its done write is refused and its work
		// rolls back
		this.jdbc.update("UPDATE queue_job SET state = 'cancelled', date_cancelled = now() WHERE uuid = ?", uuid);
		this.jobs.releaseWrite();
		this.jobs.write("sentinel");
		awaitEvent(JobDoneEvent.class, uuid("eventJobs.write"));
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM job_effect WHERE marker = 'taken away'", Integer.class))
			.isZero();
		assertThat(this.listener.eventsOf(uuid)).isEmpty();
	}

	@Test
	void noEventWhenAFailureWriteIsRefusedByTheGuard() throws InterruptedException {
		this.jobs.blockingFail();
		assertThat(this.jobs.awaitFailBlocked()).isTrue();
		UUID uuid = uuid("eventJobs.blockingFail");
		this.jdbc.update("UPDATE queue_job SET state = 'cancelled', date_cancelled = now() WHERE uuid = ?", uuid);
		this.jobs.releaseFail();
		this.jobs.write("sentinel after failure");
		awaitEvent(JobDoneEvent.class, uuid("eventJobs.write"));
		assertThat(new JobRows(this.jdbc).stateOf(uuid)).isEqualTo("cancelled");
		assertThat(this.listener.eventsOf(uuid)).isEmpty();
	}

	private <E extends JobLifecycleEvent> E awaitEvent(Class<E> type, String jobFunction) {
		return awaitEvent(type, uuid(jobFunction));
	}

	private <E extends JobLifecycleEvent> E awaitEvent(Class<E> type, UUID uuid) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.listener.eventsOf(uuid).stream().anyMatch(type::isInstance));
		return this.listener.eventsOf(uuid).stream().filter(type::isInstance).map(type::cast).findFirst().get();
	}

	private UUID uuid(String jobFunction) {
		List<UUID> uuids = this.jdbc.queryForList(
				"SELECT uuid FROM queue_job WHERE job_function = ? ORDER BY id DESC LIMIT 1", UUID.class, jobFunction);
		assertThat(uuids).hasSize(1);
		return uuids.get(0);
	}

	private UUID insertStartedByDeadNode(int retry, int maxRetries) {
		UUID uuid = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, retry, max_retries, job_function, args,
				                       description, date_enqueued, date_started, worker)
				VALUES (?, 'started', 'root', 10, ?, ?, 'eventJobs.record', '["orphan"]', 'left behind',
				        now(), now(), 'ghost-node')
				""", uuid, retry, maxRetries);
		return uuid;
	}

	/**
	 * Records every job event, with the job's state as another connection sees it at that
	 * moment.
	 */
	static class Listener {

		private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

		private final JdbcTemplate jdbc;

		Listener(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@EventListener
		void on(JobLifecycleEvent event) {
			String state = new JobRows(this.jdbc).stateOf(event.getUuid());
			this.seen.add(new Seen(event, state));
		}

		List<JobLifecycleEvent> eventsOf(UUID uuid) {
			return this.seen.stream().map(Seen::event).filter((event) -> event.getUuid().equals(uuid)).toList();
		}

		String stateSeen(JobLifecycleEvent event) {
			return this.seen.stream().filter((seen) -> seen.event() == event).findFirst().get().state();
		}

		record Seen(JobLifecycleEvent event, String state) {
		}

	}

	/**
	 * The jobs of these tests.
	 */
	public static class EventJobs {

		private final JdbcTemplate jdbc;

		private final CountDownLatch writeBlocked = new CountDownLatch(1);

		private final CountDownLatch writeReleased = new CountDownLatch(1);

		private final CountDownLatch failBlocked = new CountDownLatch(1);

		private final CountDownLatch failReleased = new CountDownLatch(1);

		EventJobs(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@QueueJob
		public void write(String marker) {
			this.jdbc.update("INSERT INTO job_effect (marker) VALUES (?)", marker);
		}

		@QueueJob
		public void record(String text) {
		}

		@QueueJob
		public void boom() {
			throw new IllegalStateException("boom");
		}

		@QueueJob(retryPattern = "1:3600")
		public void retryLater() {
			throw new RetryableJobException("come back in an hour");
		}

		@QueueJob
		public void blockingWrite(String marker) throws InterruptedException {
			this.jdbc.update("INSERT INTO job_effect (marker) VALUES (?)", marker);
			this.writeBlocked.countDown();
			this.writeReleased.await(30, TimeUnit.SECONDS);
		}

		@QueueJob(transactional = false)
		public void blockingFail() throws InterruptedException {
			this.failBlocked.countDown();
			this.failReleased.await(30, TimeUnit.SECONDS);
			throw new IllegalStateException("too late");
		}

		public boolean awaitWriteBlocked() throws InterruptedException {
			return this.writeBlocked.await(30, TimeUnit.SECONDS);
		}

		public void releaseWrite() {
			this.writeReleased.countDown();
		}

		public boolean awaitFailBlocked() throws InterruptedException {
			return this.failBlocked.await(30, TimeUnit.SECONDS);
		}

		public void releaseFail() {
			this.failReleased.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		EventJobs eventJobs(JdbcTemplate jdbc) {
			return new EventJobs(jdbc);
		}

		@Bean
		Listener listener(JdbcTemplate jdbc) {
			return new Listener(jdbc);
		}

	}

}
