package io.queuejob.spring.internal.function;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a job method's return value is written as its stored result: as JSON with the
 * arguments' mapper, nothing for no value, and a note instead of a value that is too
 * large in UTF-8 or that cannot be written.
 */
class JobResultWriterTests {

	private final JobArgumentCodec codec = new JobArgumentCodec(JsonMapper.builder().build());

	private final JobResultWriter writer = new JobResultWriter(this.codec, 12);

	@Test
	void valuesAreWrittenAsJsonWithTheArgumentsMapper() {
		JobResultWriter large = new JobResultWriter(this.codec, JobResultWriter.DEFAULT_MAX_SIZE);
		assertThat(large.write("f", new Line("pen", LocalDate.of(2026, 12, 5))))
			.isEqualTo("{\"item\":\"pen\",\"day\":\"2026-12-05\"}");
		assertThat(large.write("f", List.of(1, 2))).isEqualTo("[1,2]");
		assertThat(large.write("f", "a\u0000b")).isEqualTo("\"a\\u0000b\"");
	}

	@Test
	void noValueStoresNothing() {
		assertThat(this.writer.write("f", null)).isNull();
		assertThat(this.writer.write("f", Optional.empty())).isNull();
		assertThat(this.writer.write("f", Optional.of("ok"))).isEqualTo("\"ok\"");
	}

	@Test
	void sizeIsCountedInUtf8Bytes() {
		assertThat(this.writer.write("f", "abcdefghij")).isEqualTo("\"abcdefghij\"");
		assertThat(this.writer.write("f", "éééééé")).isEqualTo(
				"\"Result not stored: its JSON takes 14 bytes, more than queue-job.max-result-size (12 bytes)\"");
	}

	@Test
	void valuesThatCannotBeStoredAreReplacedByANoteNamingTheirType() {
		assertThat(this.writer.write("f", Thread.currentThread()))
			.isEqualTo("\"Result not stored: a java.lang.Thread cannot be written as JSON\"");
	}

	record Line(String item, LocalDate day) {

	}

}
