package io.queuejob.spring;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.queuejob.core.IdentityKey;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bulk enqueue with {@link JobQueue#delayableAll}. No runner or worker runs here; a bulk
 * job that a worker runs is in {@link QueueJobEndToEndTests}.
 */
@QueueJobIntegrationTest(classes = QueueJobBulkEnqueueTests.App.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false" })
class QueueJobBulkEnqueueTests {

	@Autowired
	BulkJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void hundredThousandJobsAreStoredInOneCall() {
		List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
		long start = System.nanoTime();
		int stored = this.jobQueue.delayableAll(this.jobs, items, (j, i) -> j.export(i, "invoice-" + i))
			.channel("export")
			.priority(20)
			.delay();
		long nanos = System.nanoTime() - start;
		System.out.printf("Bulk enqueue: %d jobs in %d ms, %.0f jobs/s%n", stored, nanos / 1_000_000,
				stored / (nanos / 1e9));
		assertThat(stored).isEqualTo(100_000);
		assertThat(count("SELECT count(*) FROM queue_job WHERE state = 'pending' AND channel = 'root.export'"
				+ " AND priority = 20 AND job_function = 'bulkJobs.export'"))
			.isEqualTo(100_000);
		assertThat(count("SELECT count(DISTINCT uuid) FROM queue_job")).isEqualTo(100_000);
		assertThat(this.jdbc.queryForObject("SELECT args::text FROM queue_job ORDER BY id DESC LIMIT 1", String.class))
			.isEqualTo("[99999, \"invoice-99999\"]");
	}

	@Test
	void optionsApplyToEveryJob() {
		int stored = this.jobQueue.delayableAll(this.jobs, List.of(1, 2, 3), (j, i) -> j.export(i, "x"))
			.maxRetries(2)
			.description("nightly export")
			.eta(Duration.ofHours(1))
			.delay();
		assertThat(stored).isEqualTo(3);
		assertThat(count("""
				SELECT count(*) FROM queue_job WHERE max_retries = 2 AND description = 'nightly export'
				  AND eta > now() + interval '50 minutes' AND channel = 'root'""")).isEqualTo(3);
	}

	@Test
	void rolledBackWithTheCallerStoresNothing() {
		this.transaction.executeWithoutResult((status) -> {
			assertThat(this.jobQueue.delayableAll(this.jobs, List.of(1, 2, 3), (j, i) -> j.export(i, "x")).delay())
				.isEqualTo(3);
			status.setRollbackOnly();
		});
		assertThat(count("SELECT count(*) FROM queue_job")).isZero();
	}

	@Test
	void unwritableArgumentStoresNothingAndIsNamed() {
		List<Object> items = List.of("fine", 2, new Unwritable(), "also fine");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayableAll(this.jobs, items, BulkJobs::raw).delay())
			.withMessageContaining("Item 2 of the batch")
			.withMessageContaining("argument 'payload'");
		assertThat(count("SELECT count(*) FROM queue_job")).isZero();
	}

	@Test
	void exactKeysSkipWaitingJobsAndDuplicateItems() {
		this.jobQueue.delayable(this.jobs, (j) -> j.export(1, "a")).identityKey(IdentityKey.EXACT).delay();
		int stored = this.jobQueue.delayableAll(this.jobs, List.of(1, 2, 2, 3), (j, i) -> j.export(i, "a"))
			.identityKey(IdentityKey.EXACT)
			.delay();
		assertThat(stored).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT (args ->> 0)::int FROM queue_job ORDER BY id", Integer.class))
			.containsExactly(1, 2, 3);
	}

	@Test
	void literalKeyIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayableAll(this.jobs, List.of(1), (j, i) -> j.export(i, "x"))
				.identityKey(IdentityKey.of("one")))
			.withMessageContaining("only IdentityKey.EXACT");
	}

	@Test
	void callsOfDifferentMethodsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayableAll(this.jobs, List.of(1, 2), BulkJobs::exportOrRaw))
			.withMessageContaining("same method");
		assertThat(count("SELECT count(*) FROM queue_job")).isZero();
	}

	@Test
	void noItemsStoreNothing() {
		assertThat(this.jobQueue.delayableAll(this.jobs, List.<Integer>of(), (j, i) -> j.export(i, "x")).delay())
			.isZero();
	}

	private int count(String sql) {
		return this.jdbc.queryForObject(sql, Integer.class);
	}

	/**
	 * Job methods that are never run here.
	 */
	public static class BulkJobs {

		@QueueJob
		public void export(int id, String name) {
		}

		@QueueJob
		public void raw(Object payload) {
		}

		static void exportOrRaw(BulkJobs jobs, int item) {
			if (item == 1) {
				jobs.export(item, "x");
			}
			else {
				jobs.raw(item);
			}
		}

	}

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		BulkJobs bulkJobs() {
			return new BulkJobs();
		}

	}

}
