package io.queuejob.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.queuejob.spring.JobQueue;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workloads W1 to W4, each on a fresh database; W1 to W3 are followed, on the same
 * database, by their hand-written ideal ({@link Ideal}). W5 is {@link Cluster}.
 */
final class Workloads {

	static final int W1_ENQUEUE_JOBS = 5_000;

	/** W1 alternates blocks of this many jobs between the starter and its ideal. */
	static final int W1_BLOCK = 250;

	static final int DRAIN_JOBS = 20_000;

	static final int W2_JOBS = 10_000;

	static final int W3_JOBS = 500;

	static final int W3_WARM_UP = 100;

	static final int W3_INTERVAL_MS = 10;

	private final Results results;

	private final int reps;

	Workloads(Results results, int reps) {
		this.results = results;
		this.reps = reps;
	}

	/** W1: one job per call and transaction, one thread, through the @QueueJob proxy. */
	void singleEnqueue() {
		for (int rep = 0; rep < this.reps; rep++) {
			try (Database db = Database.fresh("w1")) {
				BenchJobs.reset(W1_ENQUEUE_JOBS + 1000);
				Ideal ideal;
				try (ConfigurableApplicationContext context = Node.enqueuer(db)) {
					BenchJobs jobs = context.getBean(BenchJobs.class);
					ideal = Ideal.create(db, this.results);
					try (Ideal.Inserter inserter = ideal.inserter()) {
						for (int i = 0; i < 1000; i++) {
							jobs.tx(W1_ENQUEUE_JOBS + i);
							inserter.insert(i);
						}
						CountingDataSource.reset();
						// blocks of the starter and of the ideal alternate, so that both
						// see
						// the same load
						long queueJobNanos = 0;
						long idealNanos = 0;
						for (int from = 0; from < W1_ENQUEUE_JOBS; from += W1_BLOCK) {
							long start = System.nanoTime();
							for (int i = from; i < from + W1_BLOCK; i++) {
								jobs.tx(i);
							}
							long middle = System.nanoTime();
							for (int i = from; i < from + W1_BLOCK; i++) {
								inserter.insert(i);
							}
							queueJobNanos += middle - start;
							idealNanos += System.nanoTime() - middle;
						}
						if (rep == 0) {
							perJob("W1 enqueue", W1_ENQUEUE_JOBS);
						}
						double rate = W1_ENQUEUE_JOBS / (queueJobNanos / 1e9);
						this.results.add("W1 enqueue, one job per call and transaction, 1 thread", "jobs/s", rate);
						this.results.compare("W1 single: 1 job per call and transaction, 1 thread", "jobs/s", rate,
								W1_ENQUEUE_JOBS / (idealNanos / 1e9), 0.95, false);
					}
				}
				long stored = db.queryLong("SELECT count(*) FROM queue_job WHERE state = 'pending'");
				this.results.check("W1 enqueue", (stored == W1_ENQUEUE_JOBS + 1000) ? null
						: stored + " jobs stored, not " + (W1_ENQUEUE_JOBS + 1000));
				notifyCost(ideal);
				notifyWindow(db);
			}
		}
	}

	/**
	 * The commit-time cost of {@code NOTIFY}: 8 producers committing single-row inserts,
	 * with and without {@code pg_notify} in the same transaction.
	 */
	private void notifyCost(Ideal ideal) {
		// two rounds of each, alternating, so that both see the same load
		int each = W1_ENQUEUE_JOBS / 4;
		double plain = 0;
		double notifying = 0;
		for (int round = 0; round < 2; round++) {
			plain += ideal.producers(Node.THREADS, each, false) / 2;
			notifying += ideal.producers(Node.THREADS, each, true) / 2;
		}
		this.results.add("NOTIFY cost: 8 producers, single-row insert per commit", "rows/s", plain);
		this.results.add("NOTIFY cost: 8 producers, the same with pg_notify", "rows/s", notifying);
		this.results.compare("NOTIFY cost: 8 producers, with pg_notify / without", "rows/s", notifying, plain, 0,
				false);
	}

	/**
	 * What the notification window saves: 8 threads enqueueing one job per call and
	 * transaction through the starter, with the default window and with none, in
	 * alternating rounds; every job stored is counted.
	 */
	private void notifyWindow(Database db) {
		int each = W1_ENQUEUE_JOBS / 4;
		Map<String, Object> none = new LinkedHashMap<>(db.properties());
		none.put("queue-job.listener.notify-window", "0");
		double windowed = 0;
		double notifying = 0;
		long before = db.queryLong("SELECT count(*) FROM queue_job");
		try (ConfigurableApplicationContext defaults = Node.enqueuer(db);
				ConfigurableApplicationContext everyCommit = Node.enqueuer(none)) {
			for (int round = 0; round < 2; round++) {
				windowed += producers(defaults.getBean(BenchJobs.class), each) / 2;
				notifying += producers(everyCommit.getBean(BenchJobs.class), each) / 2;
			}
		}
		long stored = db.queryLong("SELECT count(*) FROM queue_job") - before;
		long expected = 4L * Node.THREADS * each;
		this.results.check("NOTIFY window", (stored == expected) ? null : stored + " jobs stored, not " + expected);
		this.results.add("NOTIFY window: 8 threads enqueueing, 5 ms window (default)", "jobs/s", windowed);
		this.results.add("NOTIFY window: 8 threads enqueueing, window 0 (every commit notifies)", "jobs/s", notifying);
		this.results.compare("NOTIFY window: 8 threads enqueueing, 5 ms window / none", "jobs/s", windowed, notifying,
				0, false);
	}

	/**
	 * Node.THREADS threads each enqueueing {@code each} jobs, one per call; jobs per
	 * second.
	 */
	private static double producers(BenchJobs jobs, int each) {
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < Node.THREADS; t++) {
			threads.add(new Thread(() -> {
				for (int i = 0; i < each; i++) {
					jobs.tx(i);
				}
			}));
		}
		return (double) Node.THREADS * each / Reference.run(threads);
	}

	/** W1b and W1 drain: bulk-enqueue 20 000 jobs, then drain them with one node. */
	void drain(boolean transactional) {
		String kind = transactional ? "transactional" : "non-transactional";
		for (int rep = 0; rep < this.reps; rep++) {
			try (Database db = Database.fresh("w1d")) {
				BenchJobs.reset(DRAIN_JOBS);
				double bulk = bulkEnqueue(db, DRAIN_JOBS, transactional,
						"W1b bulk enqueue, one delayableAll call of 20,000");
				Ideal ideal = Ideal.create(db, this.results);
				this.results.compare("W1 bulk: one call of 20,000 (" + kind + ")", "jobs/s", bulk,
						ideal.bulkInsert(DRAIN_JOBS), 0.5, false);
				CountingDataSource.reset();
				long heap;
				try (ConfigurableApplicationContext context = Node.worker(db, Map.of())) {
					awaitDone(db, DRAIN_JOBS, Duration.ofMinutes(5));
					heap = usedHeapAfterGc();
				}
				double rate = DRAIN_JOBS / span(db, "date_enqueued");
				this.results.add("W1 drain 20,000 pre-enqueued " + kind + " no-op jobs", "jobs/s", rate);
				if (rep == 0) {
					perJob("W1 drain " + kind, DRAIN_JOBS);
					if (transactional) {
						this.results.note("W1 drain: heap used after GC with the node running, backlog 20,000: "
								+ heap / (1024 * 1024) + " MB");
					}
				}
				verify("W1 drain " + kind, db, DRAIN_JOBS);
				if (transactional) {
					Double pgbench = Ideal.pgbench(db);
					if (pgbench != null) {
						this.results.compare("W1 drain transactional vs pgbench insert, 8 clients", "jobs/s", rate,
								pgbench, 0.6, false);
					}
					else {
						this.results.note("pgbench did not run (see above): no reference for the transactional drain");
					}
				}
				else {
					this.results.compare("W1 drain non-transactional vs batched ideal (" + Reference.BATCH + ")",
							"jobs/s", rate, ideal.drainBatched(DRAIN_JOBS, Reference.BATCH), 0.5, false);
				}
			}
		}
	}

	private double bulkEnqueue(Database db, int jobs, boolean transactional, String workload) {
		List<Integer> items = IntStream.range(0, jobs).boxed().toList();
		try (ConfigurableApplicationContext context = Node.enqueuer(db)) {
			BenchJobs bean = context.getBean(BenchJobs.class);
			JobQueue queue = context.getBean(JobQueue.class);
			queue.delayableAll(bean, List.of(-1), (j, n) -> j.tx(n)).delay();
			db.execute("DELETE FROM queue_job");
			long start = System.nanoTime();
			int stored = transactional ? queue.delayableAll(bean, items, (j, n) -> j.tx(n)).delay()
					: queue.delayableAll(bean, items, (j, n) -> j.plain(n)).delay();
			double seconds = (System.nanoTime() - start) / 1e9;
			if (workload != null) {
				this.results.add(workload, "jobs/s", jobs / seconds);
			}
			this.results.check("bulk enqueue", (stored == jobs) ? null : stored + " stored, not " + jobs);
			return jobs / seconds;
		}
	}

	/**
	 * W2: one producer on an enqueuing node enqueues 10 000 jobs one by one while a
	 * worker node runs them.
	 */
	void producerAndWorkers() {
		for (int rep = 0; rep < this.reps; rep++) {
			try (Database db = Database.fresh("w2")) {
				BenchJobs.reset(W2_JOBS);
				double producer;
				try (ConfigurableApplicationContext context = Node.worker(db, Map.of());
						ConfigurableApplicationContext enqueuer = Node.enqueuer(db)) {
					sleep(2000);
					BenchJobs jobs = enqueuer.getBean(BenchJobs.class);
					CountingDataSource.reset();
					long start = System.nanoTime();
					for (int i = 0; i < W2_JOBS; i++) {
						jobs.tx(i);
					}
					double enqueueSeconds = (System.nanoTime() - start) / 1e9;
					awaitDone(db, W2_JOBS, Duration.ofMinutes(5));
					producer = W2_JOBS / enqueueSeconds;
					this.results.add("W2 producer enqueue rate while workers run", "jobs/s", producer);
				}
				double endToEnd = W2_JOBS / span(db, "date_created");
				this.results.add("W2 10,000 jobs, first enqueue to last done", "jobs/s", endToEnd);
				if (rep == 0) {
					perJob("W2 enqueue + run", W2_JOBS);
				}
				verify("W2", db, W2_JOBS);
				double[] ideal = Ideal.create(db, this.results).steady(W2_JOBS);
				this.results.compare("W2 steady: producer rate while workers run", "jobs/s", producer, ideal[0], 0.9,
						false);
				this.results.compare("W2 steady: first enqueue to last done", "jobs/s", endToEnd, ideal[1], 0.9, false);
			}
		}
	}

	/** W3: enqueue to start latency, enqueued from a child JVM, idle worker node. */
	void latency() {
		for (int rep = 0; rep < this.reps; rep++) {
			try (Database db = Database.fresh("w3")) {
				int total = W3_WARM_UP + W3_JOBS;
				BenchJobs.reset(total);
				try (ConfigurableApplicationContext context = Node.worker(db, Map.of())) {
					sleep(2000);
					Process child = startChild("enqueue-child", db.url, String.valueOf(W3_WARM_UP),
							String.valueOf(W3_JOBS), String.valueOf(W3_INTERVAL_MS));
					if (!child.waitFor(5, TimeUnit.MINUTES) || child.exitValue() != 0) {
						this.results.check("W3", "the enqueuing JVM failed");
						child.destroyForcibly();
						continue;
					}
					awaitDone(db, total, Duration.ofMinutes(2));
				}
				String latency = "extract(epoch FROM date_started - date_created) * 1000";
				String measured = "FROM queue_job WHERE (args->>0)::int >= " + W3_WARM_UP;
				double p50 = db
					.queryDouble("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY " + latency + ") " + measured);
				double p99 = db
					.queryDouble("SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY " + latency + ") " + measured);
				this.results.add("W3 enqueue -> start latency, other JVM, idle, p50", "ms", p50);
				this.results.add("W3 enqueue -> start latency, other JVM, idle, p99", "ms", p99);
				verify("W3", db, total);
				double[] ideal = Ideal.create(db, this.results).latency(W3_WARM_UP, W3_JOBS, W3_INTERVAL_MS);
				this.results.compare("W3 latency: enqueue -> start, other node, p50", "ms", p50, ideal[0], 0, true);
				this.results.compare("W3 latency: enqueue -> start, other node, p99", "ms", p99, ideal[1], 1.5, true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** The child JVM of W3: enqueues one job every interval from its own node. */
	static void enqueueChild(String url, int warmUp, int jobs, int intervalMs) {
		Map<String, Object> database = new java.util.LinkedHashMap<>();
		database.put("spring.datasource.url", url);
		database.put("spring.datasource.username", Database.USER);
		if (Database.PASSWORD != null) {
			database.put("spring.datasource.password", Database.PASSWORD);
		}
		try (ConfigurableApplicationContext context = Node.enqueuer(database)) {
			BenchJobs bean = context.getBean(BenchJobs.class);
			for (int i = 0; i < warmUp + jobs; i++) {
				bean.tx(i);
				sleep(intervalMs);
			}
		}
	}

	/**
	 * W4: drain with 1 000 000 pending jobs; the node's heap before, during and after.
	 */
	void backlog(int total, int drained) {
		try (Database db = Database.fresh("w4")) {
			BenchJobs.reset(total);
			long start = System.nanoTime();
			List<Integer> items = new ArrayList<>();
			try (ConfigurableApplicationContext context = Node.enqueuer(db)) {
				BenchJobs bean = context.getBean(BenchJobs.class);
				JobQueue queue = context.getBean(JobQueue.class);
				for (int from = 0; from < total; from += 100_000) {
					items.clear();
					IntStream.range(from, Math.min(total, from + 100_000)).forEach(items::add);
					queue.delayableAll(bean, items, (j, n) -> j.tx(n)).delay();
				}
			}
			this.results.note(String.format("W4: %,d jobs bulk-enqueued in %.1f s (100,000 per delayableAll call)",
					total, (System.nanoTime() - start) / 1e9));
			db.execute("ANALYZE queue_job");
			long before = usedHeapAfterGc();
			long during;
			long after;
			CountingDataSource.reset();
			try (ConfigurableApplicationContext context = Node.worker(db, Map.of())) {
				awaitInvocations(drained / 10, Duration.ofMinutes(10));
				during = usedHeapAfterGc();
				awaitInvocations(drained, Duration.ofMinutes(20));
				after = usedHeapAfterGc();
			}
			long done = db.queryLong("SELECT count(*) FROM queue_job WHERE state = 'done'");
			double seconds = db.queryDouble(
					"SELECT extract(epoch FROM max(date_done) - min(date_enqueued)) FROM queue_job WHERE state = 'done'");
			this.results.add(String.format("W4 drain with %,d pending (first %,d jobs)", total, drained), "jobs/s",
					done / seconds);
			perJob("W4 drain", (int) done);
			this.results.note(String.format(
					"W4 heap used after GC: %d MB before the node started, %d MB after %,d jobs, %d MB after %,d jobs"
							+ " (backlog still %,d)",
					before / (1024 * 1024), during / (1024 * 1024), drained / 10, after / (1024 * 1024), done,
					total - done));
			this.results.check("W4", BenchJobs.checkExactlyOnce(0));
			this.results.check("W4",
					(done == BenchJobs.total()) ? null : done + " jobs done but " + BenchJobs.total() + " invocations");
			long started = db.queryLong("SELECT count(*) FROM queue_job WHERE state = 'started'");
			this.results.check("W4", (started == 0) ? null : started + " jobs left started after shutdown");
		}
	}

	private void perJob(String workload, int jobs) {
		StringBuilder statements = new StringBuilder();
		CountingDataSource.statements()
			.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.filter((entry) -> entry.getValue() * 100L >= jobs)
			.forEach((entry) -> statements
				.append(String.format("%n    %.3f  %s", (double) entry.getValue() / jobs, entry.getKey())));
		this.results.note(String.format("%s: %.3f commits per job (this JVM's connections); statements per job:%s",
				workload, (double) CountingDataSource.commits() / jobs, statements));
	}

	private void verify(String workload, Database db, int jobs) {
		this.results.check(workload, BenchJobs.checkExactlyOnce(jobs));
		List<String> states = db
			.queryStrings("SELECT state, count(*), sum(retry) FROM queue_job GROUP BY state ORDER BY state");
		String expected = "done | " + jobs + " | " + jobs;
		this.results.check(workload,
				(states.size() == 1 && states.get(0).equals(expected)) ? null : "jobs by state, tries: " + states);
	}

	private static double span(Database db, String from) {
		return db.queryDouble("SELECT extract(epoch FROM max(date_done) - min(" + from + ")) FROM queue_job");
	}

	private static void awaitDone(Database db, int jobs, Duration timeout) {
		awaitInvocations(jobs, timeout);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (db.queryLong("SELECT count(*) FROM queue_job WHERE state = 'done'") < jobs) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Jobs not done within " + timeout);
			}
			sleep(20);
		}
	}

	private static void awaitInvocations(int jobs, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (BenchJobs.total() < jobs) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Only " + BenchJobs.total() + " of " + jobs + " jobs ran within " + timeout);
			}
			sleep(5);
		}
	}

	static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static Process startChild(String... args) {
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(Bench.class.getName());
		command.addAll(List.of(args));
		try {
			return new ProcessBuilder(command).inheritIO().start();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Cannot start " + command, ex);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
