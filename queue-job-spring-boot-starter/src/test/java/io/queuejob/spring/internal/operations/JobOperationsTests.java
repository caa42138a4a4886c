package io.queuejob.spring.internal.operations;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.spring.operations.ActionResult;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobNotFoundException;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobPage;
import io.queuejob.spring.operations.JobQuery;
import io.queuejob.spring.operations.JobSort;
import io.queuejob.spring.operations.JobSummary;
import io.queuejob.spring.operations.TransitionRefusedException;
import io.queuejob.spring.testsupport.JobRows.Stored;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link JobOperations} used from application code: paging with {@link JobQuery#next},
 * exceptions of single actions, and an action that waits for a concurrent transition and
 * then refuses instead of overwriting it.
 */
class JobOperationsTests extends OperationsTestSupport {

	@Test
	void pagesFollowOneAnotherWithNext() {
		Instant at = Instant.parse("2026-04-01T00:00:00Z");
		List<UUID> failed = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			failed.add(0, this.rows.job(JobState.FAILED).created(at.plusSeconds(i)).insert().uuid());
			this.rows.job(JobState.DONE).created(at.plusSeconds(i)).insert();
		}
		List<UUID> read = new ArrayList<>();
		JobQuery query = JobQuery.firstPage(JobFilter.inStates(JobState.FAILED), 3);
		while (query != null) {
			JobPage page = this.operations.list(query);
			page.jobs().forEach((job) -> read.add(job.uuid()));
			query = query.next(page);
		}
		assertThat(read).containsExactlyElementsOf(failed);
	}

	@Test
	void singleActionsThrowForUnknownJobsAndRefusedTransitions() {
		UUID unknown = UUID.randomUUID();
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.operations.cancel(unknown))
			.satisfies((ex) -> assertThat(ex.getUuid()).isEqualTo(unknown));
		Stored cancelled = this.rows.job(JobState.CANCELLED).insert();
		assertThatExceptionOfType(TransitionRefusedException.class)
			.isThrownBy(() -> this.operations.cancel(cancelled.uuid()))
			.satisfies((ex) -> {
				assertThat(ex.getState()).isEqualTo(JobState.CANCELLED);
				assertThat(ex.getAction()).isEqualTo(JobAction.CANCEL);
				assertThat(ex.getMessage())
					.isEqualTo("job " + cancelled.uuid() + " is cancelled; a cancelled job cannot be cancelled");
			});
		assertThat(this.operations.setDone(cancelled.uuid()).state()).isEqualTo(JobState.DONE);
	}

	@Test
	void anActionWaitsForAConcurrentTransitionAndDoesNotOverwriteIt() throws Exception {
		Stored failed = this.rows.job(JobState.FAILED).insert();
		try (Connection worker = this.dataSource.getConnection()) {
			worker.setAutoCommit(false);
			try (Statement statement = worker.createStatement()) {
				statement
					.executeUpdate("UPDATE queue_job SET state = 'started', worker = 'node-9', retry = 1 WHERE id = "
							+ failed.id());
			}
			CompletableFuture<ActionResult> requeue = CompletableFuture
				.supplyAsync(() -> this.operations.requeue(List.of(failed.uuid())));
			await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.queryForObject("""
					SELECT count(*) FROM pg_stat_activity
					WHERE datname = current_database() AND wait_event_type = 'Lock'""", Long.class) > 0);
			worker.commit();
			ActionResult result = requeue.get(30, TimeUnit.SECONDS);
			assertThat(result.changed()).isEmpty();
			assertThat(result.refused()).singleElement().satisfies((refusal) -> {
				assertThat(refusal.state()).isEqualTo(JobState.STARTED);
				assertThat(refusal.reason()).isEqualTo("a started job cannot be requeued");
			});
		}
		assertThat(this.rows.state(failed)).isEqualTo(JobState.STARTED);
	}

	@Test
	void aSelectionLargerThanTheLimitIsRejected() {
		List<UUID> uuids = new ArrayList<>();
		for (int i = 0; i <= JobOperations.MAX_SELECTION; i++) {
			uuids.add(UUID.randomUUID());
		}
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.operations.requeue(uuids));
		assertThat(this.operations.requeue(List.of()).changed()).isEmpty();
	}

	@Test
	void filtersAndCursorsTakeTheWholeRangeOfDatabaseTimestamps() {
		Stored done = this.rows.job(JobState.DONE).done(Instant.parse("2026-04-01T00:00:00Z")).insert();
		JobFilter everything = new JobFilter(null, null, null, null, JobOperations.MIN_INSTANT,
				JobOperations.MAX_INSTANT, JobOperations.MIN_INSTANT, JobOperations.MAX_INSTANT);
		assertThat(this.operations.list(JobQuery.firstPage(everything, 10)).jobs()).extracting(JobSummary::uuid)
			.containsExactly(done.uuid());
		assertThat(this.operations.counts(everything).counts()).containsEntry(JobState.DONE, 1L);
		String fromTheEnd = new JobCursor(JobSort.NEWEST, JobOperations.MAX_INSTANT, Long.MAX_VALUE).encode();
		assertThat(this.operations.list(new JobQuery(everything, JobSort.NEWEST, 10, fromTheEnd)).jobs())
			.extracting(JobSummary::uuid)
			.containsExactly(done.uuid());
		String fromTheStart = new JobCursor(JobSort.OLDEST, JobOperations.MIN_INSTANT, 1).encode();
		assertThat(this.operations.list(new JobQuery(everything, JobSort.OLDEST, 10, fromTheStart)).jobs())
			.extracting(JobSummary::uuid)
			.containsExactly(done.uuid());
	}

}
