package io.queuejob.spring.internal.operations;

import java.time.Instant;
import java.util.Base64;

import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.operations.JobSort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cursors of job pages: read back as written; forged or garbled ones are refused
 * naming the parameter {@code cursor}.
 */
class JobCursorTests {

	@Test
	void forgedOrGarbledCursorsAreRefused() {
		String written = new JobCursor(JobSort.NEWEST, Instant.parse("2026-04-01T00:00:00Z"), 7).encode();
		assertThat(JobCursor.decode(written, JobSort.NEWEST).id()).isEqualTo(7);
		for (String text : new String[] { "1:NEWEST:99999999999999:0:1", "1:NEWEST:-999999999999:0:1",
				"1:NEWEST:0:1000000000:1", "1:NEWEST:0:-1:1", "1:NEWEST:0:0:0", "1:NEWEST:0:0:-5",
				"1:NEWEST:9223372036854775807:0:1", "1:NEWEST:0:0:9223372036854775808", "1:newest:0:0:1",
				"2:NEWEST:0:0:1", "1:NEWEST:0:0", "1:NEWEST:x:0:1" }) {
			String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
			assertRefused("cursor", "not a cursor returned by a previous page",
					() -> JobCursor.decode(forged, JobSort.NEWEST));
		}
		for (String garbled : new String[] { "!!!", "a", "====", "\u0000", written + "x".repeat(100) }) {
			assertRefused("cursor", "not a cursor", () -> JobCursor.decode(garbled, JobSort.NEWEST));
		}
	}

	private static void assertRefused(String parameter, String message, Runnable creation) {
		assertThatExceptionOfType(InvalidJobQueryException.class).isThrownBy(creation::run)
			.withMessageContaining(parameter)
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo(parameter));
	}

}
