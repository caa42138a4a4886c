package io.queuejob.spring.testsupport;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Deletes the jobs of the {@linkplain TestDatabase#shared() shared test database} before
 * each test, before the test's own {@code @BeforeEach} methods, so that every test starts
 * with no jobs whatever the tests before it left.
 */
public class DeleteJobsBeforeEach implements BeforeEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) {
		QueueJobTables.deleteJobs(TestDatabase.shared().dataSource());
	}

}
