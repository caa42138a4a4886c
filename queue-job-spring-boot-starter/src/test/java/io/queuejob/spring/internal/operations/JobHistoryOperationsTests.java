package io.queuejob.spring.internal.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.operations.ActionResult;
import io.queuejob.spring.operations.JobDetail;
import io.queuejob.spring.operations.JobSummary;
import io.queuejob.spring.testsupport.JobRows.Stored;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link io.queuejob.spring.operations.JobOperations} on jobs moved into the history
 * table: a job reads the same, with its parents, children and graph, wherever it and its
 * neighbours are, and an action on a moved job brings it back first.
 */
class JobHistoryOperationsTests extends OperationsTestSupport {

	private static final Instant AT = Instant.parse("2026-05-01T00:00:00Z");

	private JobHistoryStore history;

	private Stored first;

	private Stored second;

	private Stored waiting;

	private Stored last;

	/**
	 * A graph first → second → last, first → waiting, with waiting still pending in the
	 * job table; first moves alone, then second and last together.
	 */
	@BeforeEach
	void graph() {
		this.history = new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT);
		UUID graph = UUID.randomUUID();
		this.first = this.rows.job(JobState.DONE).channel("root.first").graph(graph).created(AT).done(AT).insert();
		this.second = this.rows.job(JobState.DONE).channel("root.second").graph(graph).created(AT).done(AT).insert();
		this.waiting = this.rows.job(JobState.PENDING).graph(graph).created(AT).insert();
		this.last = this.rows.job(JobState.DONE).channel("root.second").graph(graph).created(AT).done(AT).insert();
		this.rows.dependency(this.first, this.second);
		this.rows.dependency(this.first, this.waiting);
		this.rows.dependency(this.second, this.last);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		this.history.createPartitions(today, today, today.plusDays(1));
	}

	@Test
	void aMovedJobReadsAsBeforeWithItsNeighboursAndItsGraph() {
		Map<UUID, JobDetail> before = details();
		assertThat(before.get(this.first.uuid()).dependents()).containsExactly(this.second.uuid(), this.waiting.uuid());
		assertThat(before.get(this.first.uuid()).graph().edges()).hasSize(3);

		assertThat(move("root.first")).isOne();
		assertThat(details()).isEqualTo(before);
		assertThat(move("root.second")).isEqualTo(2);
		assertThat(details()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job", Integer.class)).isOne();
	}

	@Test
	void anActionOnAMovedJobBringsItBackWithItsEdgesToTheJobsStillInTheJobTable() {
		move("root.first");
		move("root.second");

		JobSummary requeued = this.operations.requeue(this.second.uuid());

		assertThat(requeued.state()).isEqualTo(JobState.PENDING);
		assertThat(this.rows.stateOf(this.second.uuid())).isEqualTo("pending");
		assertThat(this.history.states(List.of(this.first.uuid(), this.second.uuid(), this.last.uuid())))
			.containsOnlyKeys(this.first.uuid(), this.last.uuid());
		JobDetail detail = this.operations.detail(this.second.uuid());
		assertThat(detail.dependsOn()).containsExactly(this.first.uuid());
		assertThat(detail.dependents()).containsExactly(this.last.uuid());
	}

	@Test
	void anActionAMovedJobsStateRefusesLeavesItInTheHistoryAndSaysWhy() {
		move("root.first");

		ActionResult result = this.operations.cancel(List.of(this.first.uuid(), UUID.randomUUID()));

		assertThat(result.changed()).isEmpty();
		assertThat(result.refused()).hasSize(2);
		assertThat(result.refused().get(0).state()).isEqualTo(JobState.DONE);
		assertThat(result.refused().get(1).state()).isNull();
		assertThat(this.history.states(List.of(this.first.uuid()))).containsEntry(this.first.uuid(), "done");
	}

	@Test
	void setDoneOfAMovedCancelledJobBringsItBackDone() {
		Stored cancelled = this.rows.job(JobState.CANCELLED).channel("root.first").created(AT).insert();
		this.jdbc.update("UPDATE queue_job SET date_cancelled = ? WHERE id = ?", AT.atOffset(ZoneOffset.UTC),
				cancelled.id());
		assertThat(move("root.first")).isEqualTo(2);

		assertThat(this.operations.setDone(cancelled.uuid()).state()).isEqualTo(JobState.DONE);
		assertThat(this.rows.stateOf(cancelled.uuid())).isEqualTo("done");
		assertThat(this.history.states(List.of(cancelled.uuid()))).isEmpty();
	}

	private int move(String channel) {
		// finished on AT: removal due tomorrow
		Duration untilTomorrow = Duration.between(AT,
				LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		return this.history.move(List.of(channel), AT.plusSeconds(1), AT.minusSeconds(1), untilTomorrow, 100);
	}

	private Map<UUID, JobDetail> details() {
		Map<UUID, JobDetail> details = new LinkedHashMap<>();
		for (Stored job : List.of(this.first, this.second, this.waiting, this.last)) {
			details.put(job.uuid(), this.operations.detail(job.uuid()));
		}
		return details;
	}

}
