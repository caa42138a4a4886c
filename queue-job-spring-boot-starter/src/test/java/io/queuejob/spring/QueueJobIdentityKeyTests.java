package io.queuejob.spring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.queuejob.core.IdentityKey;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity keys: canonical exact keys, deduplication under concurrency, and keyed jobs
 * re-used in graphs. No runner or worker runs here, so stored jobs stay waiting.
 */
@QueueJobIntegrationTest(classes = QueueJobIdentityKeyTests.App.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false" })
class QueueJobIdentityKeyTests {

	@Autowired
	KeyedJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void emptyQueue() {
		this.jdbc.update("DELETE FROM queue_job");
	}

	@Test
	void exactKeyIsTheSameWhateverTheMapOrder() {
		Map<String, Object> forward = new LinkedHashMap<>();
		forward.put("amount", 12.5);
		forward.put("currency", "EUR");
		Map<String, Object> backward = new LinkedHashMap<>();
		backward.put("currency", "EUR");
		backward.put("amount", 12.5);
		JobRef first = this.jobQueue.delayable(this.jobs, (j) -> j.settle("acme", forward))
			.identityKey(IdentityKey.EXACT)
			.delay();
		JobRef second = this.jobQueue.delayable(this.jobs, (j) -> j.settle("acme", backward))
			.identityKey(IdentityKey.EXACT)
			.delay();
		JobRef other = this.jobQueue.delayable(this.jobs, (j) -> j.settle("other", backward))
			.identityKey(IdentityKey.EXACT)
			.delay();
		assertThat(first.created()).isTrue();
		assertThat(second).isEqualTo(new JobRef(first.uuid(), false));
		assertThat(other.created()).isTrue();
		assertThat(count("SELECT count(*) FROM queue_job")).isEqualTo(2);
	}

	@Test
	void concurrentCallsWithTheSameKeysCreateOneJobPerKey() throws Exception {
		List<JobRef> refs = enqueueConcurrently(16, 100, 10, null);
		assertThat(count("SELECT count(*) FROM queue_job WHERE state = 'pending'")).isEqualTo(10);
		assertThat(count("SELECT count(*) FROM queue_job")).isEqualTo(10);
		assertThat(refs).hasSize(1600);
		assertThat(refs.stream().filter(JobRef::created)).hasSize(10);
		Set<UUID> stored = Set.copyOf(this.jdbc.queryForList("SELECT uuid FROM queue_job", UUID.class));
		assertThat(refs.stream().map(JobRef::uuid).collect(Collectors.toSet())).isEqualTo(stored);
	}

	@Test
	void callsStillFindOrCreateTheJobWhileWaitingJobsStart() throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		List<JobRef> refs = enqueueConcurrently(16, 100, 10, () -> {
			// stands in for workers: waiting jobs keep leaving the waiting states
			while (!stop.get()) {
				this.jdbc.update("UPDATE queue_job SET state = 'started' WHERE state = 'pending'");
			}
		}, stop);
		assertThat(refs).hasSize(1600);
		Map<UUID, String> keyOf = new HashMap<>();
		this.jdbc.query("SELECT uuid, identity_key FROM queue_job",
				(RowCallbackHandler) (rs) -> keyOf.put(rs.getObject(1, UUID.class), rs.getString(2)));
		assertThat(keyOf.keySet()).containsAll(refs.stream().map(JobRef::uuid).toList());
		assertThat(this.jdbc.queryForList("""
				SELECT count(*) FROM queue_job WHERE state IN ('wait_dependencies', 'pending', 'enqueued')
				GROUP BY identity_key""", Integer.class)).allMatch((n) -> n == 1);
		assertThat(refs.stream().filter(JobRef::created)).hasSize(keyOf.size());
	}

	@Test
	void graphReusesTheWaitingKeyedJobAndAddsItsEdges() {
		JobRef waiting = this.jobQueue.delayable(this.jobs, (j) -> j.record("shared")).identityKey("shared").delay();
		Delayable parent = this.jobQueue.delayable(this.jobs, (j) -> j.record("parent"));
		Delayable shared = this.jobQueue.delayable(this.jobs, (j) -> j.record("shared again")).identityKey("shared");
		Delayable child = this.jobQueue.delayable(this.jobs, (j) -> j.record("child"));
		JobRef top = parent.onDone(shared.onDone(child)).delay();
		assertThat(count("SELECT count(*) FROM queue_job WHERE args ->> 0 LIKE 'shared%'")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM queue_job")).isEqualTo(3);
		Map<String, Object> reused = this.jdbc.queryForMap("SELECT * FROM queue_job WHERE uuid = ?", waiting.uuid());
		UUID graph = this.jdbc.queryForObject("SELECT graph_uuid FROM queue_job WHERE uuid = ?", UUID.class,
				top.uuid());
		assertThat(reused).containsEntry("state", "wait_dependencies").containsEntry("graph_uuid", graph);
		assertThat(this.jdbc.queryForList("""
				SELECT (p.args ->> 0) || ' -> ' || (c.args ->> 0) FROM queue_job_dependency d
				JOIN queue_job p ON p.id = d.parent_id JOIN queue_job c ON c.id = d.child_id
				ORDER BY 1""", String.class)).containsExactly("parent -> shared", "shared -> child");
	}

	private List<JobRef> enqueueConcurrently(int threads, int calls, int keys, Runnable meanwhile) throws Exception {
		return enqueueConcurrently(threads, calls, keys, meanwhile, new AtomicBoolean());
	}

	private List<JobRef> enqueueConcurrently(int threads, int calls, int keys, Runnable meanwhile, AtomicBoolean stop)
			throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
		try {
			Future<?> background = (meanwhile != null) ? executor.submit(meanwhile) : null;
			CountDownLatch start = new CountDownLatch(1);
			ConcurrentLinkedQueue<JobRef> refs = new ConcurrentLinkedQueue<>();
			List<Future<?>> callers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				callers.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < calls; i++) {
						String account = "account-" + ((thread + i) % keys);
						refs.add(this.jobQueue.delayable(this.jobs, (j) -> j.settle(account, Map.of()))
							.identityKey(IdentityKey.EXACT)
							.delay());
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> caller : callers) {
				caller.get();
			}
			stop.set(true);
			if (background != null) {
				background.get();
			}
			return List.copyOf(refs);
		}
		finally {
			stop.set(true);
			executor.shutdownNow();
		}
	}

	private int count(String sql) {
		return this.jdbc.queryForObject(sql, Integer.class);
	}

	/**
	 * Job methods that are never run here.
	 */
	public static class KeyedJobs {

		@QueueJob
		public void settle(String account, Map<String, Object> details) {
		}

		@QueueJob
		public void record(String text) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		KeyedJobs keyedJobs() {
			return new KeyedJobs();
		}

	}

}
