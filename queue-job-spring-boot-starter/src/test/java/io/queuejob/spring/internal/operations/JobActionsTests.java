package io.queuejob.spring.internal.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.DependentsRelease;
import io.queuejob.spring.operations.ActionResult;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.JobRows.Stored;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guarded statements of requeue, cancel and set done through {@link JobOperations},
 * on one job or many, with the dependents they cancel or release.
 */
class JobActionsTests extends OperationsTestSupport {

	@Test
	void requeueOfFailedJobMakesItPendingWithItsTriesReset() {
		Stored job = this.rows.job(JobState.FAILED).insert();
		this.jdbc.update("""
				UPDATE queue_job SET retry = 5, worker = 'node-1', date_enqueued = now(), date_started = now(),
				    date_failed = now(), date_done = now(), exec_time_ms = 10
				WHERE id = ?""", job.id());
		assertThat(this.operations.requeue(List.of(job.uuid())).changed()).containsExactly(job.uuid());
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM queue_job WHERE id = ?", job.id());
		assertThat(row).containsEntry("state", "pending")
			.containsEntry("retry", 0)
			.containsEntry("worker", null)
			.containsEntry("date_enqueued", null)
			.containsEntry("date_started", null)
			.containsEntry("date_failed", null)
			.containsEntry("date_done", null)
			.containsEntry("exec_time_ms", null);
	}

	@Test
	void requeueOfJobsInEveryStateButStartedMakesThemPending() {
		List<Stored> jobs = List.of(this.rows.job(JobState.PENDING).insert(), this.rows.job(JobState.ENQUEUED).insert(),
				this.rows.job(JobState.DONE).insert(), this.rows.job(JobState.CANCELLED).insert(),
				this.rows.job(JobState.FAILED).insert(), this.rows.job(JobState.WAIT_DEPENDENCIES).insert());
		Stored started = this.rows.job(JobState.STARTED).insert();
		ActionResult result = this.operations.requeue(List.of(jobs.get(0).uuid(), jobs.get(1).uuid(),
				jobs.get(2).uuid(), jobs.get(3).uuid(), jobs.get(4).uuid(), jobs.get(5).uuid(), started.uuid()));
		assertThat(result.changed()).containsExactlyElementsOf(jobs.stream().map(Stored::uuid).toList());
		assertThat(result.refused()).singleElement()
			.isEqualTo(new ActionResult.Refusal(started.uuid(), JobState.STARTED, "a started job cannot be requeued"));
		jobs.forEach((job) -> assertThat(this.rows.state(job)).isEqualTo(JobState.PENDING));
		assertThat(this.rows.state(started)).isEqualTo(JobState.STARTED);
	}

	@Test
	void requeueOfChildWhoseParentIsNotDoneMakesItWaitForDependencies() {
		Stored parent = this.rows.job(JobState.FAILED).insert();
		Stored child = this.rows.job(JobState.CANCELLED).insert();
		this.rows.dependency(parent, child);
		assertThat(this.operations.requeue(child.uuid()).state()).isEqualTo(JobState.WAIT_DEPENDENCIES);
	}

	@Test
	void requeueOfChildWhoseParentsAreDoneMakesItPending() {
		Stored parent = this.rows.job(JobState.DONE).insert();
		Stored child = this.rows.job(JobState.FAILED).insert();
		this.rows.dependency(parent, child);
		assertThat(this.operations.requeue(child.uuid()).state()).isEqualTo(JobState.PENDING);
	}

	@Test
	void requeueRefusesAJobWhoseIdentityKeyAWaitingJobHolds() {
		Stored failed = this.rows.job(JobState.FAILED).identityKey("invoice-42").insert();
		Stored waiting = this.rows.job(JobState.PENDING).identityKey("invoice-42").insert();
		ActionResult result = this.operations.requeue(List.of(failed.uuid()));
		assertThat(result.changed()).isEmpty();
		assertThat(result.refused()).singleElement()
			.isEqualTo(new ActionResult.Refusal(failed.uuid(), JobState.FAILED,
					"another waiting job holds its identity key"));
		assertThat(this.rows.state(failed)).isEqualTo(JobState.FAILED);
		assertThat(this.rows.state(waiting)).isEqualTo(JobState.PENDING);
	}

	@Test
	void requeueOfTwoJobsSharingAnIdentityKeyRequeuesTheFirstOnly() {
		Stored first = this.rows.job(JobState.FAILED).identityKey("invoice-42").insert();
		Stored second = this.rows.job(JobState.DONE).identityKey("invoice-42").insert();
		ActionResult result = this.operations.requeue(List.of(second.uuid(), first.uuid()));
		assertThat(result.changed()).containsExactly(first.uuid());
		assertThat(result.refused()).extracting(ActionResult.Refusal::uuid).containsExactly(second.uuid());
		assertThat(this.rows.state(first)).isEqualTo(JobState.PENDING);
		assertThat(this.rows.state(second)).isEqualTo(JobState.DONE);
	}

	@Test
	void cancelOfPendingEnqueuedFailedAndWaitingJobsCancelsThem() {
		List<Stored> jobs = List.of(this.rows.job(JobState.PENDING).insert(), this.rows.job(JobState.ENQUEUED).insert(),
				this.rows.job(JobState.FAILED).insert(), this.rows.job(JobState.WAIT_DEPENDENCIES).insert());
		assertThat(this.operations.cancel(jobs.stream().map(Stored::uuid).toList()).changed()).hasSize(4);
		assertThat(this.jdbc.queryForList("SELECT state FROM queue_job WHERE date_cancelled IS NOT NULL", String.class))
			.containsOnly("cancelled")
			.hasSize(4);
	}

	@Test
	void cancelOfDoneOrCancelledJobChangesNothing() {
		Stored done = this.rows.job(JobState.DONE).insert();
		Stored cancelled = this.rows.job(JobState.CANCELLED).insert();
		ActionResult result = this.operations.cancel(List.of(done.uuid(), cancelled.uuid()));
		assertThat(result.changed()).isEmpty();
		assertThat(result.refused()).extracting(ActionResult.Refusal::reason)
			.containsExactly("a done job cannot be cancelled", "a cancelled job cannot be cancelled");
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE date_cancelled IS NOT NULL", Long.class))
			.isZero();
	}

	@Test
	void cancelOfStartedJobCancelsItAndItsWaitingDependents() {
		Stored started = this.rows.job(JobState.STARTED).insert();
		Stored child = this.rows.job(JobState.WAIT_DEPENDENCIES).insert();
		this.rows.dependency(started, child);
		ActionResult result = this.operations.cancel(List.of(started.uuid()));
		assertThat(result.changed()).containsExactly(started.uuid());
		assertThat(this.rows.state(started)).isEqualTo(JobState.CANCELLED);
		assertThat(this.rows.state(child)).isEqualTo(JobState.CANCELLED);
	}

	@Test
	void cancelReachesTheWaitingDependentsTransitively() {
		Stored parent = this.rows.job(JobState.FAILED).insert();
		Stored child = child(parent);
		Stored grandchild = child(child);
		Stored doneChild = this.rows.job(JobState.DONE).insert();
		this.rows.dependency(parent, doneChild);
		Stored otherParent = this.rows.job(JobState.PENDING).insert();
		Stored otherChild = child(otherParent);
		assertThat(this.operations.cancel(List.of(parent.uuid())).changed()).containsExactly(parent.uuid());
		assertThat(this.rows.state(parent)).isEqualTo(JobState.CANCELLED);
		assertThat(this.rows.state(child)).isEqualTo(JobState.CANCELLED);
		assertThat(this.rows.state(grandchild)).isEqualTo(JobState.CANCELLED);
		assertThat(this.rows.state(doneChild)).isEqualTo(JobState.DONE);
		assertThat(this.rows.state(otherChild)).isEqualTo(JobState.WAIT_DEPENDENCIES);
	}

	@Test
	void setDoneOfFailedJobMarksItDoneByHand() {
		Stored job = this.rows.job(JobState.FAILED).insert();
		assertThat(this.operations.setDone(job.uuid()).state()).isEqualTo(JobState.DONE);
		Map<String, Object> row = this.jdbc.queryForMap("SELECT result, date_done FROM queue_job WHERE id = ?",
				job.id());
		assertThat(row).containsEntry("result", "Manually set to done");
		assertThat(row.get("date_done")).isNotNull();
	}

	@Test
	void setDoneRefusesStartedAndDoneJobsAndKeepsTheirOutcome() {
		Stored started = this.rows.job(JobState.STARTED).insert();
		Stored done = this.rows.job(JobState.DONE).done(Instant.parse("2026-01-01T00:00:00Z")).insert();
		this.jdbc.update("UPDATE queue_job SET result = 'sent' WHERE id = ?", done.id());
		ActionResult result = this.operations.setDone(List.of(started.uuid(), done.uuid()));
		assertThat(result.changed()).isEmpty();
		assertThat(result.refused()).extracting(ActionResult.Refusal::reason)
			.containsExactly("a started job cannot be set done", "a done job cannot be set done");
		assertThat(this.rows.state(started)).isEqualTo(JobState.STARTED);
		assertThat(this.jdbc.queryForMap("SELECT result, date_done FROM queue_job WHERE id = ?", done.id()))
			.containsEntry("result", "sent")
			.containsEntry("date_done", java.sql.Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
	}

	@Test
	void setDoneReleasesTheDependentsWhoseParentsAreAllDone() {
		Stored parent = this.rows.job(JobState.FAILED).insert();
		Stored doneParent = this.rows.job(JobState.DONE).insert();
		Stored pendingParent = this.rows.job(JobState.PENDING).insert();
		Stored released = child(parent, doneParent);
		Stored stillWaiting = child(parent, pendingParent);
		Stored grandchild = child(released);
		assertThat(this.operations.setDone(List.of(parent.uuid())).changed()).containsExactly(parent.uuid());
		assertThat(this.rows.state(released)).isEqualTo(JobState.PENDING);
		assertThat(this.rows.state(stillWaiting)).isEqualTo(JobState.WAIT_DEPENDENCIES);
		assertThat(this.rows.state(grandchild)).isEqualTo(JobState.WAIT_DEPENDENCIES);
	}

	@Test
	void setDoneOfTwoParentsAtOnceReleasesTheirCommonChild() {
		Stored first = this.rows.job(JobState.FAILED).insert();
		Stored second = this.rows.job(JobState.PENDING).insert();
		Stored child = child(first, second);
		assertThat(this.operations.setDone(List.of(first.uuid(), second.uuid())).changed()).hasSize(2);
		assertThat(this.rows.state(child)).isEqualTo(JobState.PENDING);
	}

	@Test
	void setDoneOfAParentAndItsWaitingChildSetsBothDone() {
		Stored parent = this.rows.job(JobState.FAILED).insert();
		Stored child = child(parent);
		Stored grandchild = child(child);
		assertThat(this.operations.setDone(List.of(child.uuid(), parent.uuid())).changed())
			.containsExactly(child.uuid(), parent.uuid());
		assertThat(this.rows.state(parent)).isEqualTo(JobState.DONE);
		assertThat(this.rows.state(child)).isEqualTo(JobState.DONE);
		assertThat(this.rows.state(grandchild)).isEqualTo(JobState.PENDING);
	}

	@Test
	void setDoneReleasesAChildWhoseOtherParentAWorkerSetDoneMeanwhile() throws Exception {
		Stored running = this.rows.job(JobState.STARTED).insert();
		Stored failed = this.rows.job(JobState.FAILED).insert();
		Stored child = child(running, failed);
		try (Connection worker = this.dataSource.getConnection()) {
			worker.setAutoCommit(false);
			// the worker's move to done: the job done, its waiting children locked
			try (Statement statement = worker.createStatement()) {
				statement.executeUpdate("UPDATE queue_job SET state = 'done' WHERE id = " + running.id());
				statement.executeQuery("SELECT id FROM queue_job WHERE id = " + child.id() + " FOR UPDATE").close();
			}
			CompletableFuture<ActionResult> setDone = CompletableFuture
				.supplyAsync(() -> this.operations.setDone(List.of(failed.uuid())));
			await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.queryForObject("""
					SELECT count(*) FROM pg_stat_activity
					WHERE datname = current_database() AND wait_event_type = 'Lock'""", Long.class) > 0);
			// the worker's release sees the other parent not done yet
			try (PreparedStatement release = worker.prepareStatement("WITH parents (id) AS (VALUES (?::bigint))\n"
					+ DependentsRelease.update("queue_job", "queue_job_dependency", "parents"))) {
				release.setLong(1, running.id());
				assertThat(release.executeUpdate()).isZero();
			}
			worker.commit();
			assertThat(setDone.get(30, TimeUnit.SECONDS).changed()).containsExactly(failed.uuid());
		}
		assertThat(this.rows.state(child)).isEqualTo(JobState.PENDING);
	}

	@Test
	void theAllowedActionsOfEveryStateAreThoseTheStatementsTake() {
		for (JobState state : JobState.values()) {
			for (JobAction action : JobAction.values()) {
				Stored job = this.rows.job(state).insert();
				ActionResult result = this.operations.perform(action, List.of(job.uuid()));
				assertThat(result.changed().contains(job.uuid())).as("%s from %s", action, state)
					.isEqualTo(action.isAllowedFrom(state));
			}
		}
	}

	private Stored child(Stored... parents) {
		Stored child = this.rows.job(JobState.WAIT_DEPENDENCIES).insert();
		for (Stored parent : parents) {
			this.rows.dependency(parent, child);
		}
		return child;
	}

}
