package io.queuejob.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

/**
 * The hand-written JDBC ideal of each workload, measured on the workload's database right
 * after the starter: a table {@code ideal_job} made {@code LIKE queue_job
 * INCLUDING ALL} (the same columns, constraints and indexes), written and read with the
 * fewest statements a queue of that shape needs. Also pgbench's single-row insert rate
 * and the cost of {@code pg_notify} at commit.
 */
final class Ideal {

	static final String TABLE = "ideal_job";

	private static final String INSERT = """
			INSERT INTO ideal_job (uuid, state, channel, priority, max_retries, job_function, args)
			VALUES (?, 'pending', 'root', 10, 5, 'bench', ?::jsonb)
			""";

	private static final String INSERT_NOTIFY = "WITH i AS (" + INSERT
			+ " RETURNING id) SELECT pg_notify('ideal_job', '') FROM i";

	private static final String INSERT_ALL = """
			INSERT INTO ideal_job (uuid, state, channel, priority, max_retries, job_function, args)
			SELECT gen_random_uuid(), 'pending', 'root', 10, 5, 'bench', a::jsonb FROM unnest(?::text[]) a
			""";

	/** Claims up to the given number of ready jobs in run order (queue_job_ready_idx). */
	static final String CLAIM = """
			UPDATE ideal_job q SET state = 'started', retry = q.retry + 1, worker = ?, date_started = clock_timestamp()
			FROM (SELECT id FROM ideal_job WHERE state = 'pending' AND eta IS NULL ORDER BY priority, date_created, id
			      LIMIT ? FOR UPDATE SKIP LOCKED) c
			WHERE q.id = c.id
			RETURNING q.id, (q.args->>0)::int
			""";

	/** Marks the claimed jobs of an array done. */
	static final String DONE = """
			UPDATE ideal_job SET state = 'done', date_done = clock_timestamp()
			WHERE id = ANY (?) AND state = 'started' AND worker = ?
			""";

	private static final String DONE_ONE = """
			UPDATE ideal_job SET state = 'done', date_done = clock_timestamp()
			WHERE id = ? AND state = 'started' AND worker = ?
			""";

	/** The bulk insert's chunk, as the starter's. */
	private static final int CHUNK = 5_000;

	private final Database db;

	private final Results results;

	private Ideal(Database db, Results results) {
		this.db = db;
		this.results = results;
	}

	/**
	 * Create {@code ideal_job} like {@code queue_job} on a database that has the
	 * starter's schema.
	 */
	static Ideal create(Database db, Results results) {
		db.execute("DROP TABLE IF EXISTS ideal_job");
		db.execute("CREATE TABLE ideal_job (LIKE queue_job INCLUDING ALL)");
		return new Ideal(db, results);
	}

	/**
	 * A connection that inserts jobs one per transaction (auto-commit).
	 * @return the inserter, to close
	 */
	Inserter inserter() {
		try {
			return new Inserter(this.db.connect());
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void insert(PreparedStatement insert, int n) throws SQLException {
		insert.setObject(1, UUID.randomUUID());
		insert.setString(2, "[" + n + "]");
		insert.execute();
	}

	/**
	 * Jobs 0 to {@code jobs - 1} in one transaction, one {@code unnest} insert per chunk.
	 */
	double bulkInsert(int jobs) {
		try (Connection connection = this.db.connect();
				PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
			long start = System.nanoTime();
			connection.setAutoCommit(false);
			for (int from = 0; from < jobs; from += CHUNK) {
				String[] args = new String[Math.min(CHUNK, jobs - from)];
				for (int i = 0; i < args.length; i++) {
					args[i] = "[" + (from + i) + "]";
				}
				insert.setArray(1, connection.createArrayOf("text", args));
				insert.executeUpdate();
			}
			connection.commit();
			return jobs / ((System.nanoTime() - start) / 1e9);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Drain the pending jobs 0 to {@code jobs - 1} with 8 threads, each claiming up to
	 * {@code batch} jobs and marking them done in one statement.
	 */
	double drainBatched(int jobs, int batch) {
		this.db.execute("ANALYZE ideal_job");
		AtomicIntegerArray invocations = new AtomicIntegerArray(jobs);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < Node.THREADS; t++) {
			String worker = "ideal-" + t;
			threads.add(new Thread(() -> Reference.work(this.db, CLAIM, DONE, worker, batch, invocations)));
		}
		double seconds = Reference.run(threads);
		checkExactlyOnce("ideal batched drain", invocations, jobs);
		return jobs / seconds;
	}

	/**
	 * One producer inserts jobs one per transaction as fast as it can while 8 consumers
	 * claim them ({@code SKIP LOCKED}, up to 8 at a time, polling every 2 ms when none is
	 * ready) and mark each done in a transaction of its own, as a transactional job.
	 * @return the producer's rate and the rate from the first insert to the last done
	 */
	double[] steady(int jobs) {
		AtomicIntegerArray invocations = new AtomicIntegerArray(jobs);
		AtomicInteger ran = new AtomicInteger();
		List<Thread> consumers = new ArrayList<>();
		for (int t = 0; t < Node.THREADS; t++) {
			String worker = "ideal-" + t;
			Thread consumer = new Thread(() -> consume(worker, jobs, invocations, ran));
			consumers.add(consumer);
			consumer.start();
		}
		double producerRate;
		try (Connection connection = this.db.connect();
				PreparedStatement insert = connection.prepareStatement(INSERT)) {
			long start = System.nanoTime();
			for (int i = 0; i < jobs; i++) {
				insert(insert, i);
			}
			producerRate = jobs / ((System.nanoTime() - start) / 1e9);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		Reference.join(consumers);
		checkExactlyOnce("ideal steady", invocations, jobs);
		double span = this.db
			.queryDouble("SELECT extract(epoch FROM max(date_done) - min(date_created)) FROM ideal_job");
		return new double[] { producerRate, jobs / span };
	}

	private void consume(String worker, int jobs, AtomicIntegerArray invocations, AtomicInteger ran) {
		try (Connection connection = this.db.connect();
				PreparedStatement claim = connection.prepareStatement(CLAIM);
				PreparedStatement done = connection.prepareStatement(DONE_ONE)) {
			while (ran.get() < jobs) {
				List<Long> ids = Reference.claim(claim, worker, Node.THREADS, invocations);
				ran.addAndGet(ids.size());
				if (ids.isEmpty()) {
					Workloads.sleep(2);
				}
				for (long id : ids) {
					done.setLong(1, id);
					done.setString(2, worker);
					done.executeUpdate();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A producer inserts a job with {@code pg_notify} in its transaction every interval;
	 * a consumer that listens claims and completes every ready job when notified.
	 * @return enqueue-to-start p50 and p99 in milliseconds, of the jobs after the warm-up
	 */
	double[] latency(int warmUp, int jobs, int intervalMs) {
		int total = warmUp + jobs;
		AtomicIntegerArray invocations = new AtomicIntegerArray(total);
		AtomicInteger ran = new AtomicInteger();
		Thread consumer = new Thread(() -> listen(total, invocations, ran));
		consumer.start();
		Workloads.sleep(500);
		try (Connection connection = this.db.connect();
				PreparedStatement insert = connection.prepareStatement(INSERT_NOTIFY)) {
			for (int i = 0; i < total; i++) {
				insert(insert, i);
				Workloads.sleep(intervalMs);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		Reference.join(List.of(consumer));
		checkExactlyOnce("ideal latency", invocations, total);
		String latency = "extract(epoch FROM date_started - date_created) * 1000";
		String measured = "FROM ideal_job WHERE (args->>0)::int >= " + warmUp;
		return new double[] {
				this.db.queryDouble("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY " + latency + ") " + measured),
				this.db
					.queryDouble("SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY " + latency + ") " + measured) };
	}

	private void listen(int total, AtomicIntegerArray invocations, AtomicInteger ran) {
		String worker = "ideal-listener";
		try (Connection connection = this.db.connect();
				PreparedStatement claim = connection.prepareStatement(CLAIM);
				PreparedStatement done = connection.prepareStatement(DONE)) {
			connection.createStatement().execute("LISTEN ideal_job");
			PGConnection pg = connection.unwrap(PGConnection.class);
			while (ran.get() < total) {
				pg.getNotifications(1000);
				while (true) {
					List<Long> ids = Reference.claim(claim, worker, Node.THREADS, invocations);
					ran.addAndGet(ids.size());
					if (ids.isEmpty()) {
						break;
					}
					done.setArray(1, connection.createArrayOf("int8", ids.toArray()));
					done.setString(2, worker);
					done.executeUpdate();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Concurrent producers committing single-row inserts into {@code ideal_job}, each in
	 * a transaction of its own, with or without {@code pg_notify} in that transaction.
	 * @return rows per second
	 */
	double producers(int clients, int each, boolean notify) {
		this.db.execute("TRUNCATE ideal_job");
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			threads.add(new Thread(() -> {
				try (Connection connection = this.db.connect();
						PreparedStatement insert = connection.prepareStatement(notify ? INSERT_NOTIFY : INSERT)) {
					for (int i = 0; i < each; i++) {
						insert(insert, i);
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		double seconds = Reference.run(threads);
		long rows = this.db.queryLong("SELECT count(*) FROM ideal_job");
		this.results.check("NOTIFY cost", (rows == (long) clients * each) ? null : rows + " rows inserted");
		return rows / seconds;
	}

	/** Single-row inserts of jobs, each in a transaction of its own. */
	static final class Inserter implements AutoCloseable {

		private final Connection connection;

		private final PreparedStatement insert;

		private Inserter(Connection connection) throws SQLException {
			this.connection = connection;
			this.insert = connection.prepareStatement(INSERT);
		}

		void insert(int n) {
			try {
				Ideal.insert(this.insert, n);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private void checkExactlyOnce(String workload, AtomicIntegerArray invocations, int jobs) {
		int wrong = 0;
		for (int i = 0; i < jobs; i++) {
			wrong += (invocations.get(i) == 1) ? 0 : 1;
		}
		long done = this.db.queryLong("SELECT count(*) FROM ideal_job WHERE state = 'done'");
		this.results.check(workload,
				(wrong == 0 && done == jobs) ? null : wrong + " jobs not run exactly once, " + done + " done");
	}

	/**
	 * pgbench's single-row insert rate into a table of an id and a jsonb, with 8 clients
	 * and 2 threads for 10 seconds, on the given database.
	 * @return transactions per second, or {@code null} (with the reason printed) when
	 * pgbench cannot run
	 */
	static Double pgbench(Database db) {
		db.execute("CREATE TABLE IF NOT EXISTS pgbench_insert (id bigserial PRIMARY KEY, payload jsonb NOT NULL)");
		try {
			Path script = Files.createTempFile("qjbench-insert", ".sql");
			Files.writeString(script, "INSERT INTO pgbench_insert (payload) VALUES ('[1]');\n");
			URI uri = URI.create(db.url.substring("jdbc:".length()));
			List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-c", "8", "-j", "2", "-T", "10", "-f",
					script.toString(), "-h", uri.getHost(), "-U", Database.USER));
			if (uri.getPort() > 0) {
				command.addAll(List.of("-p", String.valueOf(uri.getPort())));
			}
			command.add(db.name);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (Database.PASSWORD != null) {
				builder.environment().put("PGPASSWORD", Database.PASSWORD);
			}
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
				System.out.println("  pgbench failed: " + output);
				return null;
			}
			Files.deleteIfExists(script);
			Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
			return tps.find() ? Double.valueOf(tps.group(1)) : null;
		}
		catch (IOException ex) {
			System.out.println("  pgbench is not available (" + ex.getMessage()
					+ "): the transactional drain has no reference in this run");
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
