package io.queuejob.spring.internal.enqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.TestDatabase;
import io.queuejob.spring.testsupport.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a wide notification window and pollers that would wait an hour, only the
 * notifications wake the workers and the runner of another node: every job that eight
 * producer threads store, one at a time, in transactions and in batches, runs once.
 */
class NotificationWindowDeliveryTests {

	private static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private final TestDatabase database = TestDatabase.fresh();

	@RegisterExtension
	final TestNodes nodes = new TestNodes(this.database, Node.class, "queue-job.channels=root:4, limited:2",
			"queue-job.poll-interval=1h", "queue-job.listener.notify-window=200ms");

	@Test
	void everyJobStoredQuietlyWithinAWindowIsWokenFor() throws Exception {
		ConfigurableApplicationContext producer = this.nodes.start("spring.application.name=producer",
				"queue-job.worker.enabled=false", "queue-job.runner.enabled=false");
		this.nodes.start("spring.application.name=worker");
		Jobs jobs = producer.getBean(Jobs.class);
		JobQueue queue = producer.getBean(JobQueue.class);
		TransactionTemplate transaction = new TransactionTemplate(producer.getBean(PlatformTransactionManager.class));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> producers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				producers.add(threads.submit(() -> produce(thread, jobs, queue, transaction)));
			}
			for (Future<?> done : producers) {
				done.get();
			}
		}
		finally {
			threads.shutdown();
		}
		int expected = 8 * (30 + 10 * 3 + 20 + 20);
		await().atMost(Duration.ofMinutes(2)).until(() -> runs.size() == expected);
		assertThat(runs.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
	}

	private static void produce(int thread, Jobs jobs, JobQueue queue, TransactionTemplate transaction) {
		for (int i = 0; i < 30; i++) {
			// through the runner's channel and straight to the workers
			if (i % 2 == 0) {
				jobs.limited("single-" + thread + "-" + i);
			}
			else {
				jobs.ready("single-" + thread + "-" + i);
			}
		}
		for (int i = 0; i < 10; i++) {
			int n = i;
			transaction.executeWithoutResult(
					(status) -> IntStream.range(0, 3).forEach((k) -> jobs.ready("tx-" + thread + "-" + n + "-" + k)));
		}
		queue.delayableAll(jobs, ids("batch-" + thread, 20), Jobs::ready).delay();
		queue.delayableAll(jobs, ids("limited-batch-" + thread, 20), Jobs::limited).delay();
	}

	private static List<String> ids(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> prefix + "-" + i).toList();
	}

	/**
	 * Jobs that count their runs.
	 */
	public static class Jobs {

		@QueueJob
		public void ready(String id) {
			runs.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		}

		@QueueJob(channel = "limited")
		public void limited(String id) {
			runs.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Node {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

}
