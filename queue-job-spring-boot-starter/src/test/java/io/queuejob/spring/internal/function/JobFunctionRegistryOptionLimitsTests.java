package io.queuejob.spring.internal.function;

import java.util.Map;

import io.queuejob.spring.QueueJob;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Options of {@code @QueueJob} and {@code queue-job.functions} beyond their limits stop
 * start-up, naming the function.
 */
class JobFunctionRegistryOptionLimitsTests {

	@Test
	void annotationPriorityOutOfRangeNamesTheFunction() {
		JobFunctionRegistry registry = new JobFunctionRegistry(Map.of());
		assertThatIllegalStateException().isThrownBy(() -> registry.register("urgentJobs", UrgentJobs.class))
			.withMessage("Job function urgentJobs.run: priority must be between 0 and 1000000 (smaller runs first),"
					+ " got -1");
	}

	@Test
	void propertyPriorityOutOfRangeNamesTheFunction() {
		FunctionSettings override = new FunctionSettings(false, null, null, null, 2_000_000, null, null);
		JobFunctionRegistry registry = new JobFunctionRegistry(Map.of("plainJobs.run", override));
		assertThatIllegalStateException().isThrownBy(() -> registry.register("plainJobs", PlainJobs.class))
			.withMessageStartingWith("Job function plainJobs.run: priority must be between 0 and 1000000");
	}

	@Test
	void nameLongerThanItsColumnIsRefused() {
		JobFunctionRegistry registry = new JobFunctionRegistry(Map.of());
		assertThatIllegalStateException().isThrownBy(() -> registry.register("longJobs", LongJobs.class))
			.withMessageContaining("is 256 characters long, more than its column holds (255)");
	}

	public static class UrgentJobs {

		@QueueJob(priority = -1)
		public void run() {
		}

	}

	public static class PlainJobs {

		@QueueJob
		public void run() {
		}

	}

	public static class LongJobs {

		@QueueJob(name = "f" + LongJobs.LONG_NAME)
		public void run() {
		}

		static final String LONG_NAME = "0123456789012345678901234567890123456789012345678901234567890123456789"
				+ "0123456789012345678901234567890123456789012345678901234567890123456789"
				+ "0123456789012345678901234567890123456789012345678901234567890123456789"
				+ "012345678901234567890123456789012345678901234";

	}

}
