package io.queuejob.spring.internal.operations;

import javax.sql.DataSource;

import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application of the tests of {@link JobOperations}: the operations on the shared
 * test database with no listener, runner or worker (so only the test changes jobs), and
 * rows inserted as the test needs them.
 */
@QueueJobIntegrationTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false", "spring.main.web-application-type=none" })
abstract class OperationsTestSupport {

	@Autowired
	JobOperations operations;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	JobRows rows;

	@BeforeEach
	void createRows() {
		this.rows = new JobRows(this.jdbc);
	}

}
