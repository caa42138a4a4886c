package io.queuejob.spring.internal.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.QueueJobSchema;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job list and counts of {@link JobListFilterTests} with half of the done and
 * cancelled jobs moved into the history table: every list, read page by page with its
 * cursors, and every count are the same as if the jobs were all in the job table.
 */
class JobListFilterWithHistoryTests extends JobListFilterTests {

	@BeforeEach
	void moveHalfOfTheFinishedJobs() {
		this.jdbc.update("UPDATE queue_job SET date_cancelled = date_created + interval '1 second'"
				+ " WHERE state = 'cancelled' AND date_cancelled IS NULL");
		int finished = this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state IN ('done', 'cancelled')",
				Integer.class);
		JobHistoryStore history = new JobHistoryStore(this.jdbc, QueueJobSchema.CURRENT);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		history.createPartitions(today, today, today.plusDays(2));
		// finished in 2026, removal due within the two days the partitions cover
		Duration untilTomorrow = Duration.between(Instant.parse("2026-03-01T00:00:00Z"),
				today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		int moved = history.move(List.of("root", "root.mail", "root.rare"), Instant.parse("2027-01-01T00:00:00Z"),
				Instant.parse("2026-01-01T00:00:00Z"), untilTomorrow, finished / 2);
		assertThat(moved).isEqualTo(finished / 2).isPositive();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job_history", Integer.class)).isEqualTo(moved);
	}

}
