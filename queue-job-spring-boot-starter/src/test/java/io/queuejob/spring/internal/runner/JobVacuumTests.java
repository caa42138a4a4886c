package io.queuejob.spring.internal.runner;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.JobVacuumStore;
import io.queuejob.spring.internal.store.QueueJobSchema;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JobVacuum} with the history off: which jobs it deletes, per channel,
 * in batches, and what deleting a parent does to a graph. {@link JobHistoryTests} test it
 * with the history on.
 */
class JobVacuumTests {

	private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	private static final Duration THIRTY_DAYS = Duration.ofDays(30);

	private final VacuumedJobs jobs = VacuumedJobs.onFreshDatabase();

	private final JdbcTemplate jdbc = this.jobs.jdbc();

	private final TransactionTemplate transaction = this.jobs.transaction();

	private final AtomicInteger transactions = new AtomicInteger();

	@Test
	void deletesDoneAndCancelledJobsFinishedBeforeTheRemovalIntervalAndNothingElse() {
		long oldDone = this.jobs.insert("done", "root", daysAgo(31), null);
		long recentDone = this.jobs.insert("done", "root", daysAgo(29), null);
		long oldCancelled = this.jobs.insert("cancelled", "root", null, daysAgo(31));
		long recentCancelled = this.jobs.insert("cancelled", "root", null, daysAgo(29));
		long cancelledLongAfterAnOldDone = this.jobs.insert("cancelled", "root", daysAgo(90), daysAgo(1));
		long setDoneLongAfterAnOldCancel = this.jobs.insert("done", "root", daysAgo(1), daysAgo(90));
		long oldFailed = this.jobs.insert("failed", "root", null, null);
		List<Long> otherStates = List.of(this.jobs.insert("pending", "root", null, null),
				this.jobs.insert("enqueued", "root", null, null), this.jobs.insert("started", "root", null, null),
				this.jobs.insert("wait_dependencies", "root", null, null));
		this.jdbc.update(
				"UPDATE queue_job SET date_created = ?, date_started = ? WHERE state NOT IN ('done', 'cancelled')",
				daysAgo(400), daysAgo(400));

		assertThat(vacuum(THIRTY_DAYS, Map.of(), 1000).vacuum()).isEqualTo(2);

		assertThat(ids()).doesNotContain(oldDone, oldCancelled)
			.contains(recentDone, recentCancelled, cancelledLongAfterAnOldDone, setDoneLongAfterAnOldCancel, oldFailed)
			.containsAll(otherStates)
			.hasSize(9);
	}

	@Test
	void channelRemovalIntervalsHoldForTheirSubChannelsUnlessTheseHaveTheirOwn() {
		long root31 = this.jobs.insert("done", "root", daysAgo(31), null);
		long other31 = this.jobs.insert("done", "root.other", daysAgo(31), null);
		long mail31 = this.jobs.insert("done", "root.mail", daysAgo(31), null);
		long mail61 = this.jobs.insert("done", "root.mail", daysAgo(61), null);
		long news31 = this.jobs.insert("cancelled", "root.mail.news", null, daysAgo(31));
		long news61 = this.jobs.insert("cancelled", "root.mail.news", null, daysAgo(61));
		long bulk6 = this.jobs.insert("done", "root.mail.bulk", daysAgo(6), null);
		long bulk8 = this.jobs.insert("done", "root.mail.bulk", daysAgo(8), null);
		long bulkSub8 = this.jobs.insert("done", "root.mail.bulk.daily", daysAgo(8), null);
		long mailbox31 = this.jobs.insert("done", "root.mailbox", daysAgo(31), null);

		// "mail" without the root prefix names root.mail, as everywhere else
		JobVacuum vacuum = vacuum(THIRTY_DAYS,
				Map.of("mail", Duration.ofDays(60), "root.mail.bulk", Duration.ofDays(7)), 1000);

		assertThat(vacuum.vacuum()).isEqualTo(7);
		assertThat(ids()).containsExactlyInAnyOrder(mail31, news31, bulk6);
		assertThat(List.of(root31, other31, mail61, news61, bulk8, bulkSub8, mailbox31))
			.doesNotContainAnyElementsOf(ids());
	}

	@Test
	void deletesInBatchesOfItsOwnTransactionUntilNoneIsLeft() {
		for (int i = 0; i < 50; i++) {
			this.jobs.insert((i % 2 == 0) ? "done" : "cancelled", "root", daysAgo(40), daysAgo(40));
		}
		long recent = this.jobs.insert("done", "root", daysAgo(1), null);

		JobVacuum vacuum = vacuum(THIRTY_DAYS, Map.of(), 7);

		assertThat(vacuum.vacuum()).isEqualTo(50);
		assertThat(vacuum.deletedJobs()).isEqualTo(50);
		// 7 full batches and a last one of 1, then the one that deletes the expired jobs
		// of the history's default partition (none)
		assertThat(this.transactions).hasValue(9);
		assertThat(ids()).containsExactly(recent);
	}

	@Test
	void deletesNothingWhenThisNodeIsNotTheRunner() {
		this.jobs.insert("done", "root", daysAgo(40), null);
		JobVacuum vacuum = new JobVacuum(new JobVacuumStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT), new JobVacuum.Settings(THIRTY_DAYS, Map.of(),
						Duration.ofHours(1), 1000, JobVacuum.History.OFF, Clock.fixed(NOW, ZoneOffset.UTC)),
				() -> false, this.transaction);

		assertThat(vacuum.vacuum()).isZero();
		assertThat(ids()).hasSize(1);
	}

	@Test
	void deletingAnOldDoneParentLeavesItsChildWaitingForItsOtherParent() {
		long doneParent = this.jobs.insert("done", "root", daysAgo(40), null);
		long pendingParent = this.jobs.insert("pending", "root", null, null);
		long child = this.jobs.insert("wait_dependencies", "root", null, null);
		this.jobs.edge(doneParent, child);
		this.jobs.edge(pendingParent, child);

		assertThat(vacuum(THIRTY_DAYS, Map.of(), 1000).vacuum()).isEqualTo(1);
		assertThat(ids()).containsExactlyInAnyOrder(pendingParent, child);
		assertThat(this.jobs.state(child)).isEqualTo("wait_dependencies");

		this.jobs.runToDone(pendingParent);
		assertThat(this.jobs.state(child)).isEqualTo("pending");
	}

	@Test
	void keepsAnOldCancelledParentWhileAChildWaitsSoThatTheChildCannotBecomeRunnable() {
		long cancelledParent = this.jobs.insert("cancelled", "root", null, daysAgo(40));
		long pendingParent = this.jobs.insert("pending", "root", null, null);
		long child = this.jobs.insert("wait_dependencies", "root", null, null);
		this.jobs.edge(cancelledParent, child);
		this.jobs.edge(pendingParent, child);
		long cancelledWithFinishedChild = this.jobs.insert("cancelled", "root", null, daysAgo(40));
		this.jobs.edge(cancelledWithFinishedChild, this.jobs.insert("cancelled", "root", null, daysAgo(1)));

		assertThat(vacuum(THIRTY_DAYS, Map.of(), 1000).vacuum()).isEqualTo(1);
		assertThat(ids()).contains(cancelledParent).doesNotContain(cancelledWithFinishedChild);

		this.jobs.runToDone(pendingParent);
		assertThat(this.jobs.state(child)).isEqualTo("wait_dependencies");
	}

	@Test
	void rejectsIntervalsThatAreNotPositiveNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> vacuum(Duration.ZERO, Map.of(), 10))
			.withMessageContaining("queue-job.vacuum.removal-interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> vacuum(THIRTY_DAYS, Map.of("mail", Duration.ofDays(-1)), 10))
			.withMessageContaining("queue-job.channel[root.mail].removal-interval");
		assertThatIllegalArgumentException().isThrownBy(() -> vacuum(THIRTY_DAYS, Map.of(), 0))
			.withMessageContaining("queue-job.vacuum.batch-size");
	}

	private JobVacuum vacuum(Duration removalInterval, Map<String, Duration> channels, int batchSize) {
		TransactionOperations counting = new TransactionOperations() {

			@Override
			public <T> T execute(TransactionCallback<T> action) throws TransactionException {
				JobVacuumTests.this.transactions.incrementAndGet();
				return JobVacuumTests.this.transaction.execute(action);
			}

		};
		return new JobVacuum(new JobVacuumStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT),
				new JobVacuum.Settings(removalInterval, channels, Duration.ofHours(1), batchSize, JobVacuum.History.OFF,
						Clock.fixed(NOW, ZoneOffset.UTC)),
				() -> true, counting);
	}

	private List<Long> ids() {
		return this.jdbc.queryForList("SELECT id FROM queue_job", Long.class);
	}

	private static Timestamp daysAgo(int days) {
		return Timestamp.from(NOW.minus(Duration.ofDays(days)));
	}

}
