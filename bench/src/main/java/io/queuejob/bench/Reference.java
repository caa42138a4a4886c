package io.queuejob.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What this machine allows: single-row inserts, and a minimal hand-written
 * {@code FOR UPDATE SKIP LOCKED} queue in plain JDBC, with and without batching.
 */
final class Reference {

	private static final int INSERTS = 5_000;

	private static final int JOBS = Workloads.DRAIN_JOBS;

	static final int BATCH = 16;

	private static final String CLAIM = """
			UPDATE ref_queue q SET state = 'started', retry = q.retry + 1, worker = ?,
			    date_started = clock_timestamp()
			FROM (SELECT id FROM ref_queue WHERE state = 'ready' ORDER BY id LIMIT ?
			      FOR UPDATE SKIP LOCKED) c
			WHERE q.id = c.id
			RETURNING q.id, (q.payload->>0)::int
			""";

	private static final String DONE = """
			UPDATE ref_queue SET state = 'done', date_done = clock_timestamp()
			WHERE id = ANY (?) AND state = 'started' AND worker = ?
			""";

	private final Results results;

	private final int reps;

	Reference(Results results, int reps) {
		this.results = results;
		this.reps = reps;
	}

	void run() {
		for (int rep = 0; rep < this.reps; rep++) {
			try (Database db = Database.fresh("ref")) {
				db.execute("CREATE TABLE ref_insert (id bigserial PRIMARY KEY, payload jsonb NOT NULL)");
				this.results.add("reference: single-row insert, 1 client", "rows/s", inserts(db, 1));
				this.results.add("reference: single-row insert, 8 clients", "rows/s", inserts(db, 8));
				db.execute("""
						CREATE TABLE ref_queue (id bigserial PRIMARY KEY, state text NOT NULL, payload jsonb NOT NULL,
						    retry int NOT NULL DEFAULT 0, worker text, date_started timestamptz, date_done timestamptz)
						""");
				db.execute("CREATE INDEX ref_queue_ready_idx ON ref_queue (id) WHERE state = 'ready'");
				this.results.add("reference: SKIP LOCKED queue, batched (16), drain 20,000", "jobs/s",
						drain(db, BATCH));
				this.results.add("reference: SKIP LOCKED queue, one commit per step, drain 20,000", "jobs/s",
						drain(db, 1));
			}
		}
	}

	private static double inserts(Database db, int clients) {
		List<Thread> threads = new ArrayList<>();
		int each = INSERTS / clients * ((clients > 1) ? 4 : 1);
		for (int c = 0; c < clients; c++) {
			threads.add(new Thread(() -> {
				try (Connection connection = db.connect();
						PreparedStatement insert = connection
							.prepareStatement("INSERT INTO ref_insert (payload) VALUES (?::jsonb)")) {
					for (int i = 0; i < each; i++) {
						insert.setString(1, "[" + i + "]");
						insert.executeUpdate();
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		return ((double) each * clients) / run(threads);
	}

	private double drain(Database db, int batch) {
		db.execute("TRUNCATE ref_queue");
		db.execute("INSERT INTO ref_queue (state, payload) SELECT 'ready', jsonb_build_array(g)"
				+ " FROM generate_series(0, " + (JOBS - 1) + ") g");
		db.execute("ANALYZE ref_queue");
		AtomicIntegerArray invocations = new AtomicIntegerArray(JOBS);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < Node.THREADS; t++) {
			String worker = "ref-" + t;
			threads.add(new Thread(() -> work(db, CLAIM, DONE, worker, batch, invocations)));
		}
		double seconds = run(threads);
		int wrong = 0;
		for (int i = 0; i < JOBS; i++) {
			wrong += (invocations.get(i) == 1) ? 0 : 1;
		}
		long done = db.queryLong("SELECT count(*) FROM ref_queue WHERE state = 'done'");
		this.results.check("reference queue",
				(wrong == 0 && done == JOBS) ? null : wrong + " jobs not run exactly once, " + done + " done");
		return JOBS / seconds;
	}

	/**
	 * A worker of a hand-written queue: claims up to {@code batch} jobs (the claim's
	 * parameters: the worker, the limit; it returns the id and the job number) and marks
	 * them done in one statement (the array of ids, the worker), until none is left.
	 */
	static void work(Database db, String claimSql, String doneSql, String worker, int batch,
			AtomicIntegerArray invocations) {
		try (Connection connection = db.connect();
				PreparedStatement claim = connection.prepareStatement(claimSql);
				PreparedStatement done = connection.prepareStatement(doneSql)) {
			while (true) {
				List<Long> ids = claim(claim, worker, batch, invocations);
				if (ids.isEmpty()) {
					return;
				}
				Array array = connection.createArrayOf("int8", ids.toArray());
				done.setArray(1, array);
				done.setString(2, worker);
				done.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Claim up to {@code batch} jobs with a hand-written claim (parameters: the worker,
	 * the limit; it returns the id and the job number), counting each job's invocation.
	 * @return the ids claimed
	 */
	static List<Long> claim(PreparedStatement claim, String worker, int batch, AtomicIntegerArray invocations)
			throws SQLException {
		claim.setString(1, worker);
		claim.setInt(2, batch);
		List<Long> ids = new ArrayList<>();
		try (ResultSet rs = claim.executeQuery()) {
			while (rs.next()) {
				ids.add(rs.getLong(1));
				invocations.incrementAndGet(rs.getInt(2));
			}
		}
		return ids;
	}

	/** Start the threads and wait for them; the seconds that took. */
	static double run(List<Thread> threads) {
		long start = System.nanoTime();
		threads.forEach(Thread::start);
		join(threads);
		return (System.nanoTime() - start) / 1e9;
	}

	static void join(List<Thread> threads) {
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	static String settings() {
		try (Connection connection = Database.server();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("""
						SELECT name, setting || coalesce(unit, '') FROM pg_settings
						WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_level', 'work_mem',
						    'commit_delay', 'max_connections', 'max_wal_size', 'checkpoint_timeout', 'autovacuum',
						    'full_page_writes', 'wal_sync_method', 'random_page_cost', 'effective_cache_size')
						ORDER BY name
						""")) {
			StringBuilder out = new StringBuilder();
			while (rs.next()) {
				out.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
			}
			return out.toString().trim();
		}
		catch (SQLException ex) {
			return "(unknown: " + ex.getMessage() + ")";
		}
	}

}
