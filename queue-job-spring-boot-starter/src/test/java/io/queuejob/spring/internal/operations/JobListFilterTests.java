package io.queuejob.spring.internal.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.queuejob.core.JobState;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobPage;
import io.queuejob.spring.operations.JobQuery;
import io.queuejob.spring.operations.JobSort;
import io.queuejob.spring.testsupport.JobRows.Stored;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job list and counts under every filter and combination of filters: each list,
 * newest and oldest first, read page by page with its cursors, holds exactly the matching
 * jobs in order, and the counts of each state are those of the matching jobs. The jobs
 * mix every state, common and rare channels and functions, creation instants shared by
 * two jobs (ordered by id), and done instants in another order than creation.
 */
class JobListFilterTests extends OperationsTestSupport {

	private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

	private static final JobState[] STATES = { JobState.DONE, JobState.DONE, JobState.CANCELLED, JobState.DONE,
			JobState.FAILED, JobState.PENDING, JobState.DONE, JobState.ENQUEUED, JobState.DONE, JobState.STARTED,
			JobState.DONE, JobState.WAIT_DEPENDENCIES };

	private final List<Job> jobs = new ArrayList<>();

	@BeforeEach
	void insertJobs() {
		for (int i = 0; i < 60; i++) {
			JobState state = STATES[i % STATES.length];
			String channel = (i == 17 || i == 42) ? "root.rare" : (i % 5 == 0) ? "root.mail" : "root";
			String function = (i == 23 || i == 42) ? "reports.yearly"
					: (i % 3 == 0) ? "mailer.send" : "orderService.confirm";
			String description = (i == 8 || i == 51) ? "Find the Needle " + i : "Confirm order " + i;
			boolean failed = state == JobState.FAILED;
			String excName = failed ? "java.net.SocketTimeoutException" : null;
			String excMessage = !failed ? null : (i == 28) ? "needle not found" : "Read timed out";
			Instant created = AT.plusSeconds(i / 2);
			Instant done = (state == JobState.DONE) ? created.plusSeconds((i * 7 % 13) * 3L) : null;
			Stored stored = this.rows.job(state)
				.channel(channel)
				.function(function)
				.description(description)
				.exception(excName, excMessage)
				.created(created)
				.done(done)
				.insert();
			this.jobs.add(new Job(stored, state, channel, function, description, excName, excMessage, created, done));
		}
	}

	@Test
	void listsAndCountsByStates() {
		assertListsAndCounts(JobFilter.ALL);
		assertListsAndCounts(JobFilter.inStates(JobState.DONE));
		assertListsAndCounts(JobFilter.inStates(JobState.CANCELLED, JobState.FAILED, JobState.PENDING));
		assertListsAndCounts(JobFilter.inStates(JobState.WAIT_DEPENDENCIES, JobState.STARTED, JobState.ENQUEUED));
	}

	@Test
	void listsAndCountsByChannelAndFunction() {
		assertListsAndCounts(filter(Set.of(), "root.rare", null, null));
		assertListsAndCounts(filter(Set.of(JobState.DONE), "root.mail", null, null));
		assertListsAndCounts(filter(Set.of(), null, "reports.yearly", null));
		assertListsAndCounts(filter(Set.of(JobState.DONE, JobState.FAILED), null, "mailer.send", null));
		assertListsAndCounts(filter(Set.of(), "root", "reports.yearly", null));
		assertListsAndCounts(filter(Set.of(), "root.mail", "mailer.send", null));
		assertListsAndCounts(filter(Set.of(), "root.unknown", null, null));
	}

	@Test
	void listsAndCountsByText() {
		assertListsAndCounts(filter(Set.of(), null, null, "needle"));
		assertListsAndCounts(filter(Set.of(), null, null, "sockettimeout"));
		assertListsAndCounts(filter(Set.of(JobState.DONE), "root", null, "order 1"));
	}

	@Test
	void listsAndCountsByCreationAndDoneRanges() {
		assertListsAndCounts(
				new JobFilter(Set.of(), null, null, null, AT.plusSeconds(5), AT.plusSeconds(20), null, null));
		assertListsAndCounts(
				new JobFilter(Set.of(), null, null, null, null, null, AT.plusSeconds(10), AT.plusSeconds(25)));
		assertListsAndCounts(new JobFilter(Set.of(), null, null, null, null, null, AT.plusSeconds(20), null));
		assertListsAndCounts(new JobFilter(Set.of(), null, null, null, null, null, null, AT.plusSeconds(15)));
		assertListsAndCounts(new JobFilter(Set.of(JobState.DONE, JobState.CANCELLED), null, null, null, null, null,
				AT.plusSeconds(12), AT.plusSeconds(40)));
		assertListsAndCounts(
				new JobFilter(Set.of(), "root", null, null, null, null, AT.plusSeconds(5), AT.plusSeconds(30)));
		assertListsAndCounts(new JobFilter(Set.of(), null, "orderService.confirm", "order", AT.plusSeconds(4),
				AT.plusSeconds(26), AT.plusSeconds(8), AT.plusSeconds(36)));
		assertListsAndCounts(new JobFilter(Set.of(), null, null, null, null, null, AT.plusSeconds(1000), null));
	}

	private static JobFilter filter(Set<JobState> states, String channel, String function, String text) {
		return new JobFilter(states, channel, function, text, null, null, null, null);
	}

	private void assertListsAndCounts(JobFilter filter) {
		List<Job> matching = this.jobs.stream().filter(matches(filter)).toList();
		Comparator<Job> oldest = Comparator.comparing(Job::created).thenComparing((job) -> job.stored().id());
		for (JobSort sort : JobSort.values()) {
			List<UUID> expected = matching.stream()
				.filter((job) -> filter.states().isEmpty() || filter.states().contains(job.state()))
				.sorted((sort == JobSort.OLDEST) ? oldest : oldest.reversed())
				.map((job) -> job.stored().uuid())
				.toList();
			assertThat(listed(new JobQuery(filter, sort, 3, null))).as("%s %s", sort, filter)
				.containsExactlyElementsOf(expected);
		}
		Map<JobState, Long> expectedCounts = new EnumMap<>(JobState.class);
		for (JobState state : JobState.values()) {
			expectedCounts.put(state, matching.stream().filter((job) -> job.state() == state).count());
		}
		assertThat(this.operations.counts(filter).counts()).as("counts %s", filter)
			.containsExactlyInAnyOrderEntriesOf(expectedCounts);
	}

	private List<UUID> listed(JobQuery first) {
		List<UUID> listed = new ArrayList<>();
		JobQuery query = first;
		while (query != null) {
			JobPage page = this.operations.list(query);
			assertThat(page.jobs()).hasSizeLessThanOrEqualTo(3);
			page.jobs().forEach((job) -> listed.add(job.uuid()));
			query = query.next(page);
		}
		return listed;
	}

	/**
	 * The criteria of a filter but its states, which the counts do not apply.
	 */
	private static Predicate<Job> matches(JobFilter filter) {
		return (job) -> (filter.channel() == null || filter.channel().equals(job.channel()))
				&& (filter.function() == null || filter.function().equals(job.function()))
				&& (filter.text() == null || contains(job.description(), filter.text())
						|| contains(job.excName(), filter.text()) || contains(job.excMessage(), filter.text()))
				&& (filter.createdFrom() == null || !job.created().isBefore(filter.createdFrom()))
				&& (filter.createdTo() == null || job.created().isBefore(filter.createdTo()))
				&& (filter.doneFrom() == null || (job.done() != null && !job.done().isBefore(filter.doneFrom())))
				&& (filter.doneTo() == null || (job.done() != null && job.done().isBefore(filter.doneTo())));
	}

	private static boolean contains(String value, String text) {
		return value != null && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
	}

	private record Job(Stored stored, JobState state, String channel, String function, String description,
			String excName, String excMessage, Instant created, Instant done) {

	}

}
