package io.queuejob.spring.operations;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The values a {@link JobFilter} takes: texts without control characters within their
 * column's length, instants within PostgreSQL's range; any other is refused naming its
 * parameter.
 */
class QueryValuesTests {

	@Test
	void textsWithinTheirLimitsAreKept() {
		JobFilter filter = new JobFilter(null, "c".repeat(255), "f".repeat(255), "t".repeat(200), null, null, null,
				null);
		assertThat(filter.channel()).hasSize(255);
		assertThat(filter.function()).hasSize(255);
		assertThat(filter.text()).hasSize(200);
		assertThat(new JobFilter(null, "root.mail", "mailer.send", "Échec 😀 100% _", null, null, null, null).text())
			.isEqualTo("Échec 😀 100% _");
	}

	@Test
	void textsLongerThanTheirLimitAreRefused() {
		assertRefused("channel", "at most 255 characters, got 256",
				() -> new JobFilter(null, "c".repeat(256), null, null, null, null, null, null));
		assertRefused("function", "at most 255 characters",
				() -> new JobFilter(null, null, "f".repeat(256), null, null, null, null, null));
		assertRefused("text", "at most 200 characters",
				() -> new JobFilter(null, null, null, "t".repeat(201), null, null, null, null));
	}

	@Test
	void controlCharactersAreRefusedNamingThem() {
		assertRefused("channel", "found U+0000 at position 5",
				() -> new JobFilter(null, "root\u0000", null, null, null, null, null, null));
		assertRefused("function", "found U+001B",
				() -> new JobFilter(null, null, "a\u001bb", null, null, null, null, null));
		assertRefused("text", "found U+000A", () -> new JobFilter(null, null, null, "a\nb", null, null, null, null));
		assertRefused("text", "found U+0085", () -> new JobFilter(null, null, null, "\u0085", null, null, null, null));
	}

	@Test
	void instantsOutsideTheRangeOfDatabaseTimestampsAreRefused() {
		Instant before = JobOperations.MIN_INSTANT.minusNanos(1);
		Instant after = JobOperations.MAX_INSTANT.plusNanos(1);
		assertRefused("createdFrom", "-4713-11-24T00:00:00Z and +294276-12-31T23:59:59.999999Z",
				() -> new JobFilter(null, null, null, null, before, null, null, null));
		assertRefused("createdTo", "got +294276-12-31T23:59:59.999999001Z",
				() -> new JobFilter(null, null, null, null, null, after, null, null));
		assertRefused("doneFrom", "between",
				() -> new JobFilter(null, null, null, null, null, null, Instant.MAX, null));
		assertRefused("doneTo", "between", () -> new JobFilter(null, null, null, null, null, null, null, Instant.MIN));
	}

	private static void assertRefused(String parameter, String message, Runnable creation) {
		assertThatExceptionOfType(InvalidJobQueryException.class).isThrownBy(creation::run)
			.withMessageContaining(parameter)
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo(parameter));
	}

}
