package io.queuejob.spring.internal.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.queuejob.core.RetryableJobException;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.internal.store.JdbcJobStatistics;
import io.queuejob.spring.internal.store.JdbcJobStatistics.PendingChannel;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters after a known workload run by the real runner and workers, read from a
 * {@link SimpleMeterRegistry}; the backlog gauges with pending jobs present and after
 * they drain (read on every scrape here: {@code depth-refresh=0s}).
 */
@QueueJobIntegrationTest(classes = QueueJobMetricsTests.App.class,
		properties = { "queue-job.channels=root:4,blocked:1:sequential", "queue-job.poll-interval=1s",
				"queue-job.metrics.depth-refresh=0s" })
class QueueJobMetricsTests {

	@Autowired
	MeterRegistry registry;

	@Autowired
	MetricJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcJobStatistics statistics;

	@Test
	void countersAndTimerAfterAKnownWorkload() {
		for (int i = 0; i < 3; i++) {
			this.jobs.ok();
		}
		this.jobs.boom();
		this.jobs.boom();
		this.jobs.retryLater();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("queue.job.done", "ok") == 3 && count("queue.job.failed", "boom") == 2
					&& count("queue.job.retried", "retryLater") == 1);
		assertThat(count("queue.job.enqueued", "ok")).isEqualTo(3);
		assertThat(count("queue.job.enqueued", "boom")).isEqualTo(2);
		assertThat(count("queue.job.started", "ok")).isEqualTo(3);
		assertThat(count("queue.job.started", "boom")).isEqualTo(2);
		assertThat(count("queue.job.started", "retryLater")).isEqualTo(1);
		assertThat(count("queue.job.failed", "ok")).isZero();
		assertThat(execution("ok", "done").count()).isEqualTo(3);
		assertThat(execution("boom", "failed").count()).isEqualTo(2);
		assertThat(execution("retryLater", "retried").count()).isEqualTo(1);
		assertThat(execution("ok", "done").totalTime(TimeUnit.NANOSECONDS)).isPositive();
		assertThat(this.registry.get("queue.job.runner.rounds").counter().count()).isPositive();
		// the retried job waits for its eta, an hour away: pending, but not overdue
		assertThat(gauge("queue.job.pending", "root")).isEqualTo(1);
		assertThat(gauge("queue.job.oldest.pending.age", "root")).isZero();
	}

	@Test
	void bulkEnqueueCountsTheWholeBatch() {
		int stored = this.jobQueue.delayableAll(this.jobs, List.of(1, 2, 3, 4), MetricJobs::item).delay();
		assertThat(stored).isEqualTo(4);
		assertThat(count("queue.job.enqueued", "item")).isEqualTo(4);
		await().atMost(Duration.ofSeconds(30)).until(() -> count("queue.job.done", "item") == 4);
	}

	@Test
	void enqueueRolledBackIsNotCounted() {
		this.transaction.executeWithoutResult((status) -> {
			this.jobs.rolledBack();
			status.setRollbackOnly();
		});
		assertThat(count("queue.job.enqueued", "rolledBack")).isZero();
	}

	@Test
	void backlogGaugesShowPendingJobsAndTheirAgeThenDrain() {
		// a failed job blocks the sequential channel; three due jobs wait behind it,
		// created an hour ago
		this.jdbc.update(insert("failed", "now() - interval '2 hours'"));
		for (int i = 0; i < 3; i++) {
			this.jdbc.update(insert("pending", "now() - interval '1 hour'"));
		}
		assertThat(gauge("queue.job.pending", "root.blocked")).isEqualTo(3);
		assertThat(gauge("queue.job.oldest.pending.age", "root.blocked")).isBetween(3600.0, 3900.0);
		assertThat(this.statistics.pendingChannels(2)).filteredOn((channel) -> channel.channel().equals("root.blocked"))
			.extracting(PendingChannel::depth)
			.containsExactly(2);
		this.jdbc.update("UPDATE queue_job SET state = 'cancelled', date_cancelled = now() WHERE state = 'failed'"
				+ " AND channel = 'root.blocked'");
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		await().atMost(Duration.ofSeconds(30)).until(() -> gauge("queue.job.pending", "root.blocked") == 0);
		assertThat(gauge("queue.job.oldest.pending.age", "root.blocked")).isZero();
		await().atMost(Duration.ofSeconds(30)).until(() -> count("queue.job.done", "waiting") == 3);
	}

	@Test
	void gaugesAppearForAChannelThatIsNotConfigured() {
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, eta, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root.elsewhere', 10, now() + interval '1 day', 5,
				        'metricJobs.waiting', '[]')
				""");
		// any scrape reads every channel
		gauge("queue.job.pending", "root");
		assertThat(gauge("queue.job.pending", "root.elsewhere")).isEqualTo(1);
	}

	private static String insert(String state, String created) {
		return """
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, date_created)
				VALUES (gen_random_uuid(), '%s', 'root.blocked', 10, 5, 'metricJobs.waiting', '[]', %s)
				""".formatted(state, created);
	}

	private double count(String name, String function) {
		Counter counter = this.registry.find(name).tag("function", "metricJobs." + function).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Timer execution(String function, String outcome) {
		return this.registry.get("queue.job.execution")
			.tag("function", "metricJobs." + function)
			.tag("outcome", outcome)
			.timer();
	}

	private double gauge(String name, String channel) {
		return this.registry.get(name).tag("channel", channel).gauge().value();
	}

	/**
	 * The jobs of these tests.
	 */
	public static class MetricJobs {

		@QueueJob
		public void ok() {
		}

		@QueueJob
		public void boom() {
			throw new IllegalStateException("boom");
		}

		@QueueJob(retryPattern = "1:3600")
		public void retryLater() {
			throw new RetryableJobException("come back in an hour");
		}

		@QueueJob
		public void item(int item) {
		}

		@QueueJob
		public void rolledBack() {
		}

		@QueueJob
		public void waiting() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		MetricJobs metricJobs() {
			return new MetricJobs();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
