package io.queuejob.spring.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.TestDatabase;
import org.hibernate.Hibernate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobEntity} and {@link JobRepository} on jobs stored by
 * {@link EnqueueStore}, with no runner or worker touching them.
 */
@SpringBootTest(classes = AutoConfiguredApplication.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false", "spring.jpa.hibernate.ddl-auto=validate" })
class JobRepositoryTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.fresh().register(registry);
	}

	@Autowired
	JobRepository jobs;

	@Autowired
	JobStores stores;

	EnqueueStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@BeforeEach
	void emptyTables() {
		this.store = this.stores.enqueue();
		this.jdbc.execute("TRUNCATE queue_job CASCADE");
	}

	@Test
	void entityReadsEveryColumnOfAStoredJob() {
		UUID uuid = UUID.randomUUID();
		UUID graph = UUID.randomUUID();
		Instant eta = Instant.parse("2030-01-02T03:04:05.123456Z");
		this.store.insert(new NewJob(uuid, graph, JobState.PENDING, "root.mail", 7, eta, 3, "mailer.send",
				"[\"hello\",42,{\"a\":1}]", "Send a mail", "mail-42", "alice"));
		Instant at = Instant.parse("2026-05-06T07:08:09.654321Z");
		this.jdbc.update(
				"""
						UPDATE queue_job SET state = 'failed', retry = 2, result = 'r', exc_name = 'java.lang.IllegalStateException',
						    exc_message = 'm', exc_info = 'trace', date_enqueued = ?, date_started = ?, date_done = ?,
						    date_cancelled = ?, date_failed = ?, exec_time_ms = 1500, worker = 'node-1'
						WHERE uuid = ?""",
				ts(at), ts(at.plusSeconds(1)), ts(at.plusSeconds(2)), ts(at.plusSeconds(3)), ts(at.plusSeconds(4)),
				uuid);
		JobEntity job = this.jobs.findByUuid(uuid).orElseThrow();
		assertThat(job.getId()).isPositive();
		assertThat(job.getUuid()).isEqualTo(uuid);
		assertThat(job.getGraphUuid()).isEqualTo(graph);
		assertThat(job.getState()).isEqualTo(JobState.FAILED);
		assertThat(job.getChannel()).isEqualTo("root.mail");
		assertThat(job.getPriority()).isEqualTo(7);
		assertThat(job.getEta()).isEqualTo(eta);
		assertThat(job.getRetry()).isEqualTo(2);
		assertThat(job.getMaxRetries()).isEqualTo(3);
		assertThat(job.getJobFunction()).isEqualTo("mailer.send");
		assertThat(job.getArgs()).isEqualTo("[\"hello\", 42, {\"a\": 1}]");
		assertThat(job.getDescription()).isEqualTo("Send a mail");
		assertThat(job.getResult()).isEqualTo("r");
		assertThat(job.getExcName()).isEqualTo("java.lang.IllegalStateException");
		assertThat(job.getExcMessage()).isEqualTo("m");
		assertThat(job.getExcInfo()).isEqualTo("trace");
		assertThat(job.getDateCreated()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
		assertThat(job.getDateEnqueued()).isEqualTo(at);
		assertThat(job.getDateStarted()).isEqualTo(at.plusSeconds(1));
		assertThat(job.getDateDone()).isEqualTo(at.plusSeconds(2));
		assertThat(job.getDateCancelled()).isEqualTo(at.plusSeconds(3));
		assertThat(job.getDateFailed()).isEqualTo(at.plusSeconds(4));
		assertThat(job.getExecTime()).isEqualTo(Duration.ofMillis(1500));
		assertThat(job.getIdentityKey()).isEqualTo("mail-42");
		assertThat(job.getWorker()).isEqualTo("node-1");
		assertThat(job.getCreatedBy()).isEqualTo("alice");
	}

	@Test
	void entityReadsDependenciesBothWays() {
		StoredJob parent = insert(JobState.PENDING);
		StoredJob first = insertChild(parent);
		StoredJob second = insertChild(parent);
		this.transaction.executeWithoutResult((status) -> {
			JobEntity parentJob = this.jobs.findByUuid(parent.uuid()).orElseThrow();
			assertThat(parentJob.getDependsOn()).isEmpty();
			assertThat(parentJob.getDependents()).extracting(JobEntity::getUuid)
				.containsExactlyInAnyOrder(first.uuid(), second.uuid());
			JobEntity child = this.jobs.findByUuid(first.uuid()).orElseThrow();
			assertThat(child.getDependsOn()).extracting(JobEntity::getUuid).containsExactly(parent.uuid());
			assertThat(child.getDependents()).isEmpty();
		});
	}

	@Test
	void findByGraphUuidReturnsTheJobsOfTheGraphWithTheirParentsLoaded() {
		UUID graph = UUID.randomUUID();
		StoredJob parent = insert(JobState.PENDING, graph, null);
		StoredJob child = insert(JobState.WAIT_DEPENDENCIES, graph, null);
		this.store.insertDependency(parent.id(), child.id());
		insert(JobState.PENDING);
		List<JobEntity> jobs = this.jobs.findByGraphUuid(graph);
		assertThat(jobs).extracting(JobEntity::getUuid).containsExactly(parent.uuid(), child.uuid());
		assertThat(jobs).allSatisfy((job) -> assertThat(Hibernate.isInitialized(job.getDependsOn())).isTrue());
		assertThat(jobs.get(1).getDependsOn()).extracting(JobEntity::getUuid).containsExactly(parent.uuid());
	}

	@Test
	void countsJobsByStateAndByChannelAndState() {
		insert(JobState.PENDING);
		insert(JobState.PENDING);
		insert(JobState.FAILED);
		StoredJob mail = insert(JobState.PENDING);
		this.jdbc.update("UPDATE queue_job SET channel = 'root.mail' WHERE id = ?", mail.id());
		assertThat(this.jobs.countByState(JobState.PENDING)).isEqualTo(3);
		assertThat(this.jobs.countByState(JobState.DONE)).isZero();
		assertThat(this.jobs.countByChannelAndState("root", JobState.PENDING)).isEqualTo(2);
		assertThat(this.jobs.countPerState()).containsExactlyInAnyOrder(new JobStateCount(JobState.PENDING, 3),
				new JobStateCount(JobState.FAILED, 1));
		assertThat(this.jobs.countPerChannelAndState()).containsExactlyInAnyOrder(
				new JobChannelStateCount("root", JobState.PENDING, 2),
				new JobChannelStateCount("root", JobState.FAILED, 1),
				new JobChannelStateCount("root.mail", JobState.PENDING, 1));
	}

	@Test
	void savingChangedOptionsNeverOverwritesAConcurrentTransition() {
		StoredJob job = insert(JobState.PENDING);
		JobEntity entity = this.jobs.findByUuid(job.uuid()).orElseThrow();
		this.jdbc.update("UPDATE queue_job SET state = 'started', retry = 1, worker = 'node-1' WHERE id = ?", job.id());
		entity.setPriority(1);
		entity.setChannel("root.urgent");
		this.jobs.save(entity);
		assertThat(this.jdbc.queryForMap("SELECT state, retry, worker, priority, channel FROM queue_job WHERE id = ?",
				job.id()))
			.containsEntry("state", "started")
			.containsEntry("retry", 1)
			.containsEntry("worker", "node-1")
			.containsEntry("priority", 1)
			.containsEntry("channel", "root.urgent");
	}

	@Test
	void requeueOfFailedJobMakesItPendingWithItsTriesReset() {
		StoredJob job = insert(JobState.FAILED);
		this.jdbc.update("""
				UPDATE queue_job SET retry = 5, worker = 'node-1', date_enqueued = now(), date_started = now(),
				    date_failed = now()
				WHERE id = ?""", job.id());
		assertThat(this.jobs.requeue(List.of(job.uuid()))).isOne();
		JobEntity requeued = this.jobs.findByUuid(job.uuid()).orElseThrow();
		assertThat(requeued.getState()).isEqualTo(JobState.PENDING);
		assertThat(requeued.getRetry()).isZero();
		assertThat(requeued.getWorker()).isNull();
		assertThat(requeued.getDateEnqueued()).isNull();
		assertThat(requeued.getDateStarted()).isNull();
		assertThat(requeued.getDateFailed()).isNull();
	}

	@Test
	void requeueOfStartedJobChangesNothing() {
		StoredJob job = insert(JobState.STARTED);
		this.jdbc.update("UPDATE queue_job SET retry = 1, worker = 'node-1' WHERE id = ?", job.id());
		assertThat(this.jobs.requeue(List.of(job.uuid()))).isZero();
		assertThat(this.jdbc.queryForMap("SELECT state, retry, worker FROM queue_job WHERE id = ?", job.id()))
			.containsEntry("state", "started")
			.containsEntry("retry", 1)
			.containsEntry("worker", "node-1");
	}

	@Test
	void requeueOfJobsInEveryOtherStateMakesThemPending() {
		List<StoredJob> jobs = List.of(insert(JobState.PENDING), insert(JobState.ENQUEUED), insert(JobState.DONE),
				insert(JobState.CANCELLED), insert(JobState.FAILED));
		assertThat(this.jobs.requeue(jobs.stream().map(StoredJob::uuid).toList())).isEqualTo(5);
		assertThat(this.jobs.countByState(JobState.PENDING)).isEqualTo(5);
	}

	@Test
	void requeueOfChildWhoseParentIsNotDoneMakesItWaitForDependencies() {
		StoredJob parent = insert(JobState.FAILED);
		StoredJob child = insertChild(parent);
		this.jdbc.update("UPDATE queue_job SET state = 'cancelled' WHERE id = ?", child.id());
		assertThat(this.jobs.requeue(List.of(child.uuid()))).isOne();
		assertThat(state(child)).isEqualTo(JobState.WAIT_DEPENDENCIES);
	}

	@Test
	void requeueOfChildWhoseParentsAreDoneMakesItPending() {
		StoredJob parent = insert(JobState.DONE);
		StoredJob child = insertChild(parent);
		this.jdbc.update("UPDATE queue_job SET state = 'failed' WHERE id = ?", child.id());
		assertThat(this.jobs.requeue(List.of(child.uuid()))).isOne();
		assertThat(state(child)).isEqualTo(JobState.PENDING);
	}

	@Test
	void requeueSkipsAJobWhoseIdentityKeyAWaitingJobHolds() {
		StoredJob failed = insert(JobState.FAILED, null, "invoice-42");
		StoredJob waiting = insert(JobState.PENDING, null, "invoice-42");
		assertThat(this.jobs.requeue(List.of(failed.uuid()))).isZero();
		assertThat(state(failed)).isEqualTo(JobState.FAILED);
		assertThat(state(waiting)).isEqualTo(JobState.PENDING);
	}

	@Test
	void requeueOfTwoJobsSharingAnIdentityKeyRequeuesTheFirstOnly() {
		StoredJob first = insert(JobState.FAILED, null, "invoice-42");
		StoredJob second = insert(JobState.DONE, null, "invoice-42");
		assertThat(this.jobs.requeue(List.of(second.uuid(), first.uuid()))).isOne();
		assertThat(state(first)).isEqualTo(JobState.PENDING);
		assertThat(state(second)).isEqualTo(JobState.DONE);
	}

	@Test
	void requeueOfNoJobsChangesNothing() {
		insert(JobState.FAILED);
		assertThat(this.jobs.requeue(List.of())).isZero();
		assertThat(this.jobs.requeue(List.of(UUID.randomUUID()))).isZero();
		assertThat(this.jobs.countByState(JobState.FAILED)).isOne();
	}

	@Test
	void cancelOfPendingEnqueuedFailedAndWaitingJobsCancelsThem() {
		List<StoredJob> jobs = List.of(insert(JobState.PENDING), insert(JobState.ENQUEUED), insert(JobState.FAILED),
				insert(JobState.WAIT_DEPENDENCIES));
		assertThat(this.jobs.cancel(jobs.stream().map(StoredJob::uuid).toList())).isEqualTo(4);
		assertThat(this.jobs.findAll()).allSatisfy((job) -> {
			assertThat(job.getState()).isEqualTo(JobState.CANCELLED);
			assertThat(job.getDateCancelled()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
		});
	}

	@Test
	void cancelOfDoneStartedOrCancelledJobChangesNothing() {
		StoredJob done = insert(JobState.DONE);
		StoredJob started = insert(JobState.STARTED);
		StoredJob cancelled = insert(JobState.CANCELLED);
		assertThat(this.jobs.cancel(List.of(done.uuid(), started.uuid(), cancelled.uuid()))).isZero();
		assertThat(state(done)).isEqualTo(JobState.DONE);
		assertThat(state(started)).isEqualTo(JobState.STARTED);
		assertThat(this.jobs.findByUuid(cancelled.uuid()).orElseThrow().getDateCancelled()).isNull();
	}

	@Test
	void cancelReachesTheWaitingDependentsTransitively() {
		StoredJob parent = insert(JobState.FAILED);
		StoredJob child = insertChild(parent);
		StoredJob grandchild = insertChild(child);
		StoredJob otherParent = insert(JobState.PENDING);
		StoredJob doneChild = insertChild(parent);
		this.jdbc.update("UPDATE queue_job SET state = 'done' WHERE id = ?", doneChild.id());
		StoredJob otherChild = insertChild(otherParent);
		assertThat(this.jobs.cancel(List.of(parent.uuid()))).isEqualTo(3);
		assertThat(state(parent)).isEqualTo(JobState.CANCELLED);
		assertThat(state(child)).isEqualTo(JobState.CANCELLED);
		assertThat(state(grandchild)).isEqualTo(JobState.CANCELLED);
		assertThat(state(doneChild)).isEqualTo(JobState.DONE);
		assertThat(state(otherChild)).isEqualTo(JobState.WAIT_DEPENDENCIES);
	}

	@Test
	void setDoneOfFailedJobMarksItDoneByHand() {
		StoredJob job = insert(JobState.FAILED);
		assertThat(this.jobs.setDone(List.of(job.uuid()))).isOne();
		JobEntity done = this.jobs.findByUuid(job.uuid()).orElseThrow();
		assertThat(done.getState()).isEqualTo(JobState.DONE);
		assertThat(done.getResult()).isEqualTo(JobRepository.SET_DONE_RESULT);
		assertThat(done.getDateDone()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
	}

	@Test
	void setDoneOfStartedJobChangesNothing() {
		StoredJob job = insert(JobState.STARTED);
		assertThat(this.jobs.setDone(List.of(job.uuid()))).isZero();
		assertThat(state(job)).isEqualTo(JobState.STARTED);
	}

	@Test
	void setDoneReleasesTheDependentsWhoseParentsAreAllDone() {
		StoredJob parent = insert(JobState.FAILED);
		StoredJob doneParent = insert(JobState.DONE);
		StoredJob pendingParent = insert(JobState.PENDING);
		StoredJob released = insertChild(parent, doneParent);
		StoredJob stillWaiting = insertChild(parent, pendingParent);
		StoredJob grandchild = insertChild(released);
		assertThat(this.jobs.setDone(List.of(parent.uuid()))).isOne();
		assertThat(state(released)).isEqualTo(JobState.PENDING);
		assertThat(state(stillWaiting)).isEqualTo(JobState.WAIT_DEPENDENCIES);
		assertThat(state(grandchild)).isEqualTo(JobState.WAIT_DEPENDENCIES);
	}

	private StoredJob insert(JobState state) {
		return insert(state, null, null);
	}

	private StoredJob insert(JobState state, UUID graph, String identityKey) {
		UUID uuid = UUID.randomUUID();
		JobState stored = (state == JobState.WAIT_DEPENDENCIES) ? state : JobState.PENDING;
		Long id = this.store.insert(new NewJob(uuid, graph, stored, "root", 10, null, 5, "invoiceService.send", "[]",
				null, identityKey, null));
		this.jdbc.update("UPDATE queue_job SET state = ? WHERE id = ?", state.dbValue(), id);
		return new StoredJob(id, uuid);
	}

	private StoredJob insertChild(StoredJob... parents) {
		StoredJob child = insert(JobState.WAIT_DEPENDENCIES);
		for (StoredJob parent : parents) {
			this.store.insertDependency(parent.id(), child.id());
		}
		return child;
	}

	private JobState state(StoredJob job) {
		return JobState.fromDbValue(
				this.jdbc.queryForObject("SELECT state FROM queue_job WHERE uuid = ?", String.class, job.uuid()));
	}

	private static java.sql.Timestamp ts(Instant instant) {
		return java.sql.Timestamp.from(instant);
	}

	private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
		return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), ChronoUnit.SECONDS);
	}

	record StoredJob(long id, UUID uuid) {
	}

}
