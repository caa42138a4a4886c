package io.queuejob.spring.internal.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database refuses still answers 400, its failures 500, both as problem details.
 */
class ApiExceptionHandlerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	@Test
	void aDataExceptionOfTheDatabaseIsABadRequest() {
		SQLException nul = new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021");
		assertThat(this.handler.databaseRefused(new UncategorizedSQLException("list", "SELECT", nul))
			.getStatusCode()
			.value()).isEqualTo(400);
		SQLException range = new SQLException("timestamp out of range", "22008");
		assertThat(this.handler.databaseRefused(new DataIntegrityViolationException("list", range))
			.getStatusCode()
			.value()).isEqualTo(400);
		assertThat(this.handler.databaseRefused(new DataIntegrityViolationException("unique")).getStatusCode().value())
			.isEqualTo(400);
	}

	@Test
	void otherFailuresOfTheDatabaseAreServerErrors() {
		SQLException gone = new SQLException("connection lost", "08006");
		assertThat(this.handler.databaseRefused(new UncategorizedSQLException("list", "SELECT", gone))
			.getStatusCode()
			.value()).isEqualTo(500);
		assertThat(this.handler.failed(new IllegalStateException("bug")).getStatusCode().value()).isEqualTo(500);
	}

}
