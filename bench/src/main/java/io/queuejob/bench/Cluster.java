package io.queuejob.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.queuejob.spring.JobQueue;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * W5: 1, 2 and 3 worker nodes, each a JVM of its own ({@link NodeProcess}), on one fresh
 * database each, under {@code root:20}. Once every node has started, an enqueuing node in
 * the bench's JVM enqueues 20,000 transactional jobs in one bulk call, and the nodes
 * drain them. Each job counts its run in {@code bench_run} in its transaction, so that
 * the bench checks in the database that each ran exactly once; a sampler checks the
 * capacity. Besides the throughput it reports the database server's CPU time during the
 * drain (from {@code /proc}), the transactions committed in the database
 * (pg_stat_database) and the jobs each node ran.
 */
final class Cluster {

	static final int CAPACITY = 20;

	static final int JOBS = 20_000;

	private final Results results;

	private final int reps;

	Cluster(Results results, int reps) {
		this.results = results;
		this.reps = reps;
	}

	void run() {
		Cpu server = Cpu.server();
		if (server == null) {
			this.results.note("W5: the database server's processes cannot be read here (not on this machine?):"
					+ " no database CPU figures");
		}
		for (int rep = 0; rep < this.reps; rep++) {
			for (int nodes = 1; nodes <= 3; nodes++) {
				drain(nodes, rep == 0, server);
			}
		}
	}

	private void drain(int count, boolean first, Cpu server) {
		String workload = String.format("W5 %d JVM%s", count, (count == 1) ? "" : "s");
		List<NodeProcess> nodes = new ArrayList<>();
		try (Database db = Database.fresh("w5")) {
			try {
				measure(workload, db, nodes, count, first, server);
			}
			finally {
				// stopped before the database goes, and after a failed start too: no JVM
				// stays behind
				nodes.forEach(NodeProcess::close);
			}
			verify(workload, db);
		}
	}

	private void measure(String workload, Database db, List<NodeProcess> nodes, int count, boolean first, Cpu server) {
		db.execute(RecordingJobs.TABLE);
		// the first node creates the tables; the others start once it has
		nodes.add(NodeProcess.start(1, db, CAPACITY));
		nodes.get(0).awaitReady(Duration.ofMinutes(3));
		for (int i = 2; i <= count; i++) {
			nodes.add(NodeProcess.start(i, db, CAPACITY));
		}
		nodes.forEach((node) -> node.awaitReady(Duration.ofMinutes(3)));
		try (ConfigurableApplicationContext enqueuer = Node.enqueuer(db);
				Connection monitor = db.connect();
				Connection sampling = db.connect()) {
			RecordingJobs bean = enqueuer.getBean(RecordingJobs.class);
			JobQueue queue = enqueuer.getBean(JobQueue.class);
			List<Integer> items = IntStream.range(0, JOBS).boxed().toList();
			// settle: the nodes elect the runner and idle, the statistics of the
			// start-up reach pg_stat_database
			Workloads.sleep(2000);
			nodes.forEach(NodeProcess::resetCounts);
			CountingDataSource.reset();
			AtomicLong maxRunning = new AtomicLong();
			AtomicLong samples = new AtomicLong();
			AtomicBoolean sampler = new AtomicBoolean(true);
			Thread sampleThread = new Thread(() -> sample(sampling, sampler, maxRunning, samples));
			List<Long> jvms = nodes.stream().map(NodeProcess::pid).toList();
			long monitorPid = pid(monitor);
			long samplingPid = pid(sampling);
			String loadBefore = Cpu.load();
			long commitsBefore = db.serverCommits();
			sampleThread.start();
			long start = System.nanoTime();
			double serverBefore = (server != null) ? server.serverSeconds() : Double.NaN;
			Map<Long, Double> backendsBefore = Cpu.backends(db.name);
			double jvmsBefore = Cpu.processes(jvms);
			double machineBefore = Cpu.machineSeconds();
			int stored = queue.delayableAll(bean, items, (j, n) -> j.tx(n)).delay();
			long polls = awaitDone(monitor, Duration.ofMinutes(5));
			double serverCpu = (server != null) ? server.serverSeconds() - serverBefore : Double.NaN;
			Map<Long, Double> backendsAfter = Cpu.backends(db.name);
			double jvmsCpu = Cpu.processes(jvms) - jvmsBefore;
			double machineCpu = Cpu.machineSeconds() - machineBefore;
			double wall = (System.nanoTime() - start) / 1e9;
			String loadAfter = Cpu.load();
			sampler.set(false);
			joinQuietly(sampleThread);
			this.results.check(workload, (stored == JOBS) ? null : stored + " jobs stored, not " + JOBS);

			// the database's backends, without the bench's two reading this one
			double backendsCpu = 0;
			int gone = 0;
			for (Map.Entry<Long, Double> backend : backendsAfter.entrySet()) {
				if (backend.getKey() != monitorPid && backend.getKey() != samplingPid) {
					backendsCpu += backend.getValue() - backendsBefore.getOrDefault(backend.getKey(), 0.0);
				}
			}
			for (Long pid : backendsBefore.keySet()) {
				gone += backendsAfter.containsKey(pid) ? 0 : 1;
			}

			// the bench's own reads are transactions of this database too; the nodes'
			// backends report their counts within a second of going idle
			Workloads.sleep(1000);
			long commits = db.serverCommits() - commitsBefore - polls - samples.get();

			// which node runs the runner: each writes its row now
			nodes.forEach(NodeProcess::beat);
			List<String> runners = db.queryStrings("SELECT name FROM queue_job_node WHERE runner");
			Map<String, Long> statements = new TreeMap<>(CountingDataSource.statements());
			long nodeCommits = CountingDataSource.commits();
			for (NodeProcess node : nodes) {
				nodeCommits += node.addCounts(statements);
			}

			double rate = JOBS
					/ db.queryDouble("SELECT extract(epoch FROM max(date_done) - min(date_enqueued)) FROM queue_job");
			this.results.add(workload + ", root:20, drain 20,000 transactional", "jobs/s", rate);
			if (server != null) {
				this.results.add(workload + ": jobs per database CPU-second (whole server)", "jobs/s",
						JOBS / serverCpu);
				this.results.add(workload + ": jobs per database CPU-second (this database's backends)", "jobs/s",
						JOBS / backendsCpu);
				this.results.add(workload + ": database cores busy (whole server)", "cores", serverCpu / wall);
				this.results.add(workload + ": database cores busy (this database's backends)", "cores",
						backendsCpu / wall);
				this.results.add(workload + ": node JVMs' cores busy", "cores", jvmsCpu / wall);
				this.results.add(workload + ": machine cores busy (every process)", "cores", machineCpu / wall);
			}
			this.results.add(workload + ": transactions committed per job (pg_stat_database)", "per job",
					(double) commits / JOBS);
			List<String> perNode = db
				.queryStrings("SELECT worker, count(*) FROM queue_job GROUP BY worker ORDER BY count(*) DESC, worker");
			long runnerJobs = 0;
			StringBuilder jobsPerNode = new StringBuilder();
			for (String row : perNode) {
				String[] fields = row.split(" \\| ");
				boolean runner = runners.contains(fields[0]);
				runnerJobs += runner ? Long.parseLong(fields[1]) : 0;
				jobsPerNode.append((jobsPerNode.length() > 0) ? ", " : "")
					.append(fields[1])
					.append(runner ? " (runner's node)" : "");
			}
			this.results.add(workload + ": share of jobs run by the runner's node", "%", 100.0 * runnerJobs / JOBS);
			this.results.add(workload + ": load average (1 min) at the end", "load", Cpu.load1());
			this.results.note(String.format(
					"%s: jobs per node %s; most jobs enqueued or started at once (sampled every 10 ms): %d"
							+ " (capacity %d); drain %.1f s wall, database server %.2f CPU-s, its backends of this"
							+ " database %.2f CPU-s (%d of them ended during the drain), node JVMs %.2f CPU-s,"
							+ " machine %.2f CPU-s; %d transactions committed in the database (%d of the bench's"
							+ " own reads taken off), %d commits counted by the nodes' and enqueuer's"
							+ " connections; load average %s before, %s after",
					workload, jobsPerNode, maxRunning.get(), CAPACITY, wall, serverCpu, backendsCpu, gone, jvmsCpu,
					machineCpu, commits, polls + samples.get(), nodeCommits, loadBefore, loadAfter));
			if (first) {
				perJob(workload, statements, nodeCommits);
			}
			this.results.check(workload, (maxRunning.get() <= CAPACITY) ? null
					: "sampled " + maxRunning.get() + " jobs enqueued or started, capacity " + CAPACITY);
			this.results.check(workload, (runners.size() == 1) ? null : "runner's nodes: " + runners);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every job done after one try, and each job number counted by exactly one run in
	 * {@code bench_run}, whichever node ran it.
	 */
	private void verify(String workload, Database db) {
		List<String> states = db
			.queryStrings("SELECT state, count(*), sum(retry) FROM queue_job GROUP BY state ORDER BY state");
		String expected = "done | " + JOBS + " | " + JOBS;
		this.results.check(workload,
				(states.size() == 1 && states.get(0).equals(expected)) ? null : "jobs by state, tries: " + states);
		long recorded = db.queryLong("SELECT count(*) FROM bench_run WHERE n >= 0 AND n < " + JOBS);
		long twice = db.queryLong("SELECT count(*) FROM bench_run WHERE runs > 1");
		long stray = db.queryLong("SELECT count(*) FROM bench_run WHERE n < 0 OR n >= " + JOBS);
		this.results.check(workload, (recorded == JOBS && twice == 0 && stray == 0) ? null
				: (JOBS - recorded) + " job(s) never ran, " + twice + " ran more than once, " + stray + " unknown");
	}

	private void perJob(String workload, Map<String, Long> statements, long commits) {
		StringBuilder out = new StringBuilder();
		statements.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.filter((entry) -> entry.getValue() * 100L >= JOBS)
			.forEach((entry) -> out
				.append(String.format("%n    %.3f  %s", (double) entry.getValue() / JOBS, entry.getKey())));
		this.results.note(String.format(
				"%s: %.3f commits per job (the nodes' and the enqueuer's connections); statements per job:%s", workload,
				(double) commits / JOBS, out));
	}

	private static long pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * Wait until every job is done, reading on the given connection.
	 * @return how many reads it took
	 */
	private static long awaitDone(Connection connection, Duration timeout) throws SQLException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long polls = 0;
		try (Statement statement = connection.createStatement()) {
			while (true) {
				polls++;
				try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM queue_job WHERE state = 'done'")) {
					rs.next();
					if (rs.getLong(1) >= JOBS) {
						return polls;
					}
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Jobs not done within " + timeout);
				}
				Workloads.sleep(20);
			}
		}
	}

	private static void sample(Connection connection, AtomicBoolean sampling, AtomicLong max, AtomicLong samples) {
		try (Statement statement = connection.createStatement()) {
			while (sampling.get()) {
				samples.incrementAndGet();
				try (ResultSet rs = statement
					.executeQuery("SELECT count(*) FROM queue_job WHERE state IN ('enqueued', 'started')")) {
					rs.next();
					max.accumulateAndGet(rs.getLong(1), Math::max);
				}
				Workloads.sleep(10);
			}
		}
		catch (SQLException ex) {
			System.err.println("Sampler stopped: " + ex.getMessage());
		}
	}

	private static void joinQuietly(Thread thread) {
		try {
			thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
