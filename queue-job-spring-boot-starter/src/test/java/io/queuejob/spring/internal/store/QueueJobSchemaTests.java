package io.queuejob.spring.internal.store;

import io.queuejob.spring.InvalidQueueJobPropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link QueueJobSchema}.
 */
class QueueJobSchemaTests {

	@ParameterizedTest
	@ValueSource(strings = { "qj", "queue_job", "_jobs", "jobs2" })
	void acceptsPlainLowerCaseIdentifiers(String schema) {
		QueueJobSchema valid = QueueJobSchema.of(schema);
		assertThat(valid.name()).isEqualTo(schema);
		assertThat(valid.tablePrefix()).isEqualTo(schema + ".");
		// the migration needs no database until it runs
		assertThat(new QueueJobSchemaMigration(new SimpleDriverDataSource(), valid).getSchema()).isEqualTo(schema);
	}

	@ParameterizedTest
	@ValueSource(strings = { "QJ", "2jobs", "queue-job", "qj.jobs", "\"qj\"", "qj; DROP TABLE x", "é",
			"a123456789a123456789a123456789a123456789a123456789a123456789abcd" })
	void rejectsOtherSchemaNamesNamingTheProperty(String schema) {
		assertThatExceptionOfType(InvalidQueueJobPropertyException.class).isThrownBy(() -> QueueJobSchema.of(schema))
			.withMessageStartingWith("Invalid queue-job.schema '" + schema + "'")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("queue-job.schema"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void blankSchemaMeansTheCurrentSchema(String schema) {
		assertThat(QueueJobSchema.of(schema)).isSameAs(QueueJobSchema.CURRENT);
		assertThat(QueueJobSchema.of(schema).tablePrefix()).isEmpty();
	}

	@Test
	void noSchemaMeansTheCurrentSchema() {
		assertThat(QueueJobSchema.of(null).isCurrent()).isTrue();
	}

}
