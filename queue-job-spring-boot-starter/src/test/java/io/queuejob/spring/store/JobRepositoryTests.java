package io.queuejob.spring.store;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.EnqueueStore;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.NewJob;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Hibernate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JobEntity}, {@link JobRepository} and {@link JobSpecifications} on
 * jobs stored by {@link EnqueueStore}, with no runner or worker touching them: the read
 * model of jobs, which cannot write them.
 */
@QueueJobIntegrationTest(classes = AutoConfiguredApplication.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false", "spring.jpa.hibernate.ddl-auto=validate" })
class JobRepositoryTests {

	@Autowired
	JobRepository jobs;

	@Autowired
	JobStores stores;

	EnqueueStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@PersistenceContext
	EntityManager entityManager;

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
						    date_cancelled = ?, date_failed = ?, exec_time_ms = 1500, worker = 'node-1',
						    partition_key = 'customer-7', timeout = interval '90.5 seconds', date_deadline = ?,
						    schedule = 'nightly-mail', scheduled_at = ?
						WHERE uuid = ?""",
				ts(at), ts(at.plusSeconds(1)), ts(at.plusSeconds(2)), ts(at.plusSeconds(3)), ts(at.plusSeconds(4)),
				ts(at.plusSeconds(5)), ts(at.minusSeconds(60)), uuid);
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
		assertThat(job.getPartitionKey()).isEqualTo("customer-7");
		assertThat(job.getTimeout()).isEqualTo(Duration.ofMillis(90_500));
		assertThat(job.getDateDeadline()).isEqualTo(at.plusSeconds(5));
		assertThat(job.getSchedule()).isEqualTo("nightly-mail");
		assertThat(job.getScheduledAt()).isEqualTo(at.minusSeconds(60));
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
	void derivedQueriesReadPagesInTheGivenOrder() {
		Instant at = Instant.parse("2026-03-01T00:00:00Z");
		List<UUID> failed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			StoredJob job = insert(JobState.FAILED);
			created(job, at.plusSeconds(i));
			failed.add(job.uuid());
		}
		insert(JobState.DONE);
		Page<JobEntity> first = this.jobs.findByState(JobState.FAILED,
				PageRequest.of(0, 2, Sort.by(Sort.Direction.DESC, "dateCreated")));
		assertThat(first.getTotalElements()).isEqualTo(5);
		assertThat(first.getContent()).extracting(JobEntity::getUuid).containsExactly(failed.get(4), failed.get(3));
		Page<JobEntity> last = this.jobs.findByState(JobState.FAILED, first.getPageable().next().next());
		assertThat(last.getContent()).extracting(JobEntity::getUuid).containsExactly(failed.get(0));
		assertThat(this.jobs.findByJobFunctionAndState("invoiceService.send", JobState.DONE, Pageable.unpaged()))
			.hasSize(1);
		assertThat(this.jobs.findAll(PageRequest.of(0, 10)).getTotalElements()).isEqualTo(6);
		assertThat(this.jobs.count()).isEqualTo(6);
	}

	@Test
	void specificationsSelectByStateChannelFunctionDatesIdentityKeyAndGraph() {
		UUID graph = UUID.randomUUID();
		StoredJob keyed = insert(JobState.PENDING, null, "invoice-42");
		StoredJob inGraph = insert(JobState.FAILED, graph, null);
		StoredJob mail = insert(JobState.DONE);
		this.jdbc.update("""
				UPDATE queue_job SET channel = 'root.mail', job_function = 'mailer.send',
				    date_done = '2026-02-01T00:00:00Z', date_created = '2026-01-31T00:00:00Z'
				WHERE id = ?""", mail.id());
		created(keyed, Instant.parse("2026-01-01T00:00:00Z"));
		created(inGraph, Instant.parse("2026-01-15T00:00:00Z"));
		assertThat(uuids(JobSpecifications.inStates(JobState.PENDING, JobState.FAILED)))
			.containsExactlyInAnyOrder(keyed.uuid(), inGraph.uuid());
		assertThat(uuids(JobSpecifications.channel("root.mail"))).containsExactly(mail.uuid());
		assertThat(uuids(JobSpecifications.jobFunction("mailer.send"))).containsExactly(mail.uuid());
		assertThat(uuids(JobSpecifications.identityKey("invoice-42"))).containsExactly(keyed.uuid());
		assertThat(uuids(JobSpecifications.inGraph(graph))).containsExactly(inGraph.uuid());
		assertThat(uuids(JobSpecifications.createdBetween(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-01-31T00:00:00Z"))))
			.containsExactlyInAnyOrder(keyed.uuid(), inGraph.uuid());
		assertThat(uuids(JobSpecifications.createdBetween(Instant.parse("2026-01-15T00:00:00Z"), null)))
			.containsExactlyInAnyOrder(inGraph.uuid(), mail.uuid());
		assertThat(uuids(JobSpecifications.doneBetween(null, Instant.parse("2026-02-01T00:00:01Z"))))
			.containsExactly(mail.uuid());
		Specification<JobEntity> failedInGraph = JobSpecifications.inStates(JobState.FAILED)
			.and(JobSpecifications.inGraph(graph));
		assertThat(this.jobs.findOne(failedInGraph)).map(JobEntity::getUuid).contains(inGraph.uuid());
		assertThat(this.jobs.count(failedInGraph)).isOne();
		assertThat(this.jobs.exists(failedInGraph.and(JobSpecifications.channel("root.mail")))).isFalse();
		Page<JobEntity> page = this.jobs.findAll(JobSpecifications.createdBetween(null, null),
				PageRequest.of(0, 2, Sort.by("dateCreated")));
		assertThat(page.getTotalElements()).isEqualTo(3);
		assertThat(page.getContent()).extracting(JobEntity::getUuid).containsExactly(keyed.uuid(), inGraph.uuid());
		assertThat(
				this.jobs.findAll(JobSpecifications.inStates(JobState.values()), Sort.by("dateCreated").descending()))
			.extracting(JobEntity::getUuid)
			.containsExactly(mail.uuid(), inGraph.uuid(), keyed.uuid());
		assertThatIllegalArgumentException().isThrownBy(() -> JobSpecifications.inStates(List.of()));
	}

	@Test
	void theRepositoryCannotWriteJobs() {
		assertThat(JobRepository.class.getMethods()).extracting(Method::getName)
			.noneMatch((name) -> name.startsWith("save") || name.startsWith("delete") || name.startsWith("update")
					|| name.startsWith("flush"));
		assertThat(JobEntity.class.getMethods()).extracting(Method::getName)
			.noneMatch((name) -> name.startsWith("set"));
	}

	@Test
	void theEntityIsNeverWrittenByAFlush() {
		StoredJob job = insert(JobState.PENDING);
		this.transaction.executeWithoutResult((status) -> {
			JobEntity entity = this.entityManager.find(JobEntity.class, job.id());
			ReflectionTestUtils.setField(entity, "priority", 1);
			this.entityManager.flush();
		});
		assertThat(this.jdbc.queryForObject("SELECT priority FROM queue_job WHERE id = ?", Integer.class, job.id()))
			.isEqualTo(10);
	}

	private List<UUID> uuids(Specification<JobEntity> spec) {
		return this.jobs.findAll(spec).stream().map(JobEntity::getUuid).toList();
	}

	private void created(StoredJob job, Instant at) {
		this.jdbc.update("UPDATE queue_job SET date_created = ? WHERE id = ?", ts(at), job.id());
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
		return JobState.fromDbValue(new JobRows(this.jdbc).stateOf(job.uuid()));
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
