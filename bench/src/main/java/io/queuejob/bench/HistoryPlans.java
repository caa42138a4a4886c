package io.queuejob.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobQuery;
import io.queuejob.spring.operations.JobSort;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The hot path and the autovacuum with a large history of finished jobs (V12). On the job
 * table of {@link Plans} (1,000,000 pending jobs and the other states), it writes
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the runner's and the workers' queries twice: with
 * an empty {@code queue_job_history} ({@code history-empty-*.txt}) and with
 * {@code --history-rows} jobs (default 10,000,000) spread over 30 day partitions
 * ({@code history-10m-*.txt}), each the second of two passes over the queries, each pass
 * on a freshly vacuumed job table, and prints whether each plan's shape (its nodes and
 * indexes, without estimates and timings) is the same in both. It also times one cycle of
 * the autovacuum's history work in each case, through {@link JobHistoryStore} as the
 * autovacuum calls it: the first finish to move, the partitions of the removal days, the
 * move of {@value #MOVED} done jobs in batches of {@value #BATCH}, each committed, and
 * the drop of the partitions of the days past (one: yesterday's, empty in the first case
 * and a thirtieth of the history in the second). Last, the first page of the job list
 * (all states, newest first), captured like {@link ListPlans} does, in both cases.
 * <p>
 * The job table's ids start at 20,000,001, so that the history's jobs, older, have the
 * lower ids (1 to the history's size), as they would in a real database. The history is
 * filled with one {@code INSERT … SELECT} per day partition, each committed, with
 * {@code synchronous_commit} off, then vacuumed and analyzed.
 */
final class HistoryPlans {

	/** The jobs moved per autovacuum cycle. */
	static final int MOVED = 10_000;

	/** The jobs moved per statement and transaction. */
	static final int BATCH = 1000;

	/** The days the history spans: yesterday (expired) and the next 29. */
	static final int DAYS = 30;

	private static final Duration REMOVAL = Duration.ofDays(30);

	private static final int LIST_RUNS = 12;

	private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

	private static final Pattern DETAIL = Pattern.compile("\\s+\\((cost|actual|never).*$");

	private HistoryPlans() {
	}

	static void write(Path directory, int historyRows) throws Exception {
		Files.createDirectories(directory);
		String label = (historyRows % 1_000_000 == 0) ? (historyRows / 1_000_000) + "m" : Integer.toString(historyRows);
		List<String> summary = new ArrayList<>();
		try (Database db = Database.fresh("history_plans")) {
			Map<String, String> sql;
			try (ConfigurableApplicationContext context = Node.enqueuer(db)) {
				sql = Plans.storeSql(context.getBean(JobStores.class));
			}
			Map<String, String> classic = Plans
				.storeSql(JdbcJobStores.create(new JdbcTemplate(), QueueJobSchema.CURRENT, false));
			db.execute("ALTER TABLE queue_job ALTER COLUMN id RESTART WITH 20000001");
			log("seeding queue_job as Plans does");
			Plans.seed(db);
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.url, Database.USER,
					Database.PASSWORD, true);
			try {
				JobHistoryStore history = new JobHistoryStore(new JdbcTemplate(dataSource), QueueJobSchema.CURRENT);
				LocalDate today = LocalDate.now(ZoneOffset.UTC);
				// an expired day for the cycle to drop: empty here
				createDay(db, today.minusDays(1));
				log("vacuum cycle, empty history");
				Cycle empty = cycle(history, today);
				db.execute("VACUUM ANALYZE queue_job");
				db.execute("VACUUM ANALYZE queue_job_history");
				Map<String, List<String>> queries = Plans.queries(db);
				log("plans, empty history");
				Map<String, String> emptyPlans = explainAll(db, directory, "history-empty", queries, sql, classic,
						"an empty queue_job_history (" + MOVED + " jobs moved by the vacuum cycle)");
				String emptyList = list(db, directory, "history-empty-list-all",
						"an empty queue_job_history (" + MOVED + " jobs moved by the vacuum cycle)");
				log("filling queue_job_history with " + historyRows + " jobs over " + DAYS + " day partitions");
				long fillStart = System.nanoTime();
				fill(db, history, today, historyRows);
				double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
				long vacuumStart = System.nanoTime();
				db.execute("VACUUM ANALYZE queue_job_history");
				double vacuumSeconds = (System.nanoTime() - vacuumStart) / 1e9;
				String size = db
					.queryStrings("SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid)))"
							+ " FROM pg_inherits WHERE inhparent = 'queue_job_history'::regclass")
					.get(0);
				long held = db.queryLong("SELECT count(*) FROM queue_job_history");
				String data = String.format("queue_job_history of %,d jobs in %d partitions (%s with indexes)", held,
						history.partitions().size(), size);
				summary.add(String.format("filled in %.0f s, then VACUUM ANALYZE in %.0f s: %s", fillSeconds,
						vacuumSeconds, data));
				log(summary.get(summary.size() - 1));
				log("plans, " + label + " history");
				Map<String, String> fullPlans = explainAll(db, directory, "history-" + label, queries, sql, classic,
						data);
				String fullList = list(db, directory, "history-" + label + "-list-all", data);
				log("vacuum cycle, " + label + " history");
				Cycle full = cycle(history, today);
				summary.add("");
				summary
					.add(String.format("%-34s %-10s %12s %12s", "query", "same shape", "empty (ms)", label + " (ms)"));
				for (String name : emptyPlans.keySet()) {
					String a = emptyPlans.get(name);
					String b = fullPlans.get(name);
					summary.add(String.format("%-34s %-10s %12.3f %12.3f", name,
							shape(a).equals(shape(b)) ? "yes" : "NO", execution(a), execution(b)));
				}
				summary.add("");
				summary.add(String.format("%-34s %12s %12s", "job list, first page", "empty (ms)", label + " (ms)"));
				summary.add(String.format("%-34s %12.1f %12.1f", "all states, newest first, run " + LIST_RUNS,
						ListPlans.millis(emptyList), ListPlans.millis(fullList)));
				summary.add("");
				summary.add("vacuum cycle: first finish, partitions, move of " + MOVED + " in batches of " + BATCH
						+ ", drop of the days past");
				summary.add("  empty history:   " + empty);
				summary.add("  " + label + " history: " + full);
			}
			finally {
				dataSource.destroy();
			}
		}
		summary.add("");
		summary.add(String.format("load average at the end: %.2f", load()));
		Path file = directory.resolve("history-summary.txt");
		Files.writeString(file, String.join("\n", summary) + "\n");
		System.out.println();
		summary.forEach(System.out::println);
		System.out.println("wrote " + file);
	}

	/**
	 * One cycle of the autovacuum's history work for the channel root, whose removal
	 * interval is 30 days, with every finished job old enough to move.
	 */
	private static Cycle cycle(JobHistoryStore history, LocalDate today) {
		List<String> channels = List.of("root");
		Instant now = Instant.now();
		Instant deadline = now.minus(REMOVAL);
		double load = load();
		long start = System.nanoTime();
		Instant first = history.firstFinished(channels, deadline);
		long found = System.nanoTime();
		if (first == null) {
			throw new IllegalStateException("No finished job to move");
		}
		int created = history.createPartitions(today, day(first.plus(REMOVAL)), day(now.plus(REMOVAL)));
		long partitioned = System.nanoTime();
		int moved = 0;
		for (int batch = 0; batch < MOVED / BATCH; batch++) {
			moved += history.move(channels, now, deadline, REMOVAL, BATCH);
		}
		long movedAt = System.nanoTime();
		List<String> dropped = history.dropPartitionsBefore(today);
		long end = System.nanoTime();
		return new Cycle(millis(start, end), millis(start, found), created, millis(found, partitioned), moved,
				millis(partitioned, movedAt), dropped, millis(movedAt, end), load);
	}

	private static void fill(Database db, JobHistoryStore history, LocalDate today, int rows) throws Exception {
		LocalDate first = today.minusDays(1);
		createDay(db, first);
		history.createPartitions(today, today, first.plusDays(DAYS - 1));
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET synchronous_commit = off");
			int done = 0;
			for (int d = 0; d < DAYS; d++) {
				int n = (rows - done) / (DAYS - d);
				// job g of the day finished 30 days before its removal, spread over the
				// day;
				// 93 % done, 7 % cancelled; channels root 70 %, root.mail 30 %
				statement.execute("""
						INSERT INTO queue_job_history (id, uuid, state, channel, priority, retry, max_retries,
						    job_function, args, description, result, date_created, date_enqueued, date_started,
						    date_done, date_cancelled, exec_time_ms, worker, created_by, date_expires)
						SELECT %1$d + g, gen_random_uuid(), s.state,
						    CASE WHEN g %% 10 < 7 THEN 'root' ELSE 'root.mail' END, 10, 0, 5,
						    CASE WHEN g %% 10 < 6 THEN 'orders.confirm' ELSE 'mail.send' END,
						    jsonb_build_object('orderId', %1$d + g, 'customer', 'customer-' || (g %% 5000),
						        'lines', jsonb_build_array(g %% 7, g %% 11)),
						    'Confirm order ' || (%1$d + g), CASE WHEN s.state = 'done' THEN 'ok' END,
						    f.finished - interval '2 s', f.finished - interval '1 s', f.finished - interval '1 s',
						    CASE WHEN s.state = 'done' THEN f.finished END,
						    CASE WHEN s.state = 'cancelled' THEN f.finished END,
						    CASE WHEN s.state = 'done' THEN 40 + g %% 200 END, 'node-1', 'web',
						    f.finished + interval '30 days'
						FROM generate_series(1, %2$d) g
						CROSS JOIN LATERAL (SELECT timestamptz '%3$s' - interval '30 days'
						    + (g - 0.5) * (interval '1 day' / %2$d) AS finished) f
						CROSS JOIN LATERAL (SELECT CASE WHEN g %% 100 < 93 THEN 'done' ELSE 'cancelled' END AS state) s
						""".formatted(done, n, first.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant()));
				done += n;
				log("  day " + first.plusDays(d) + ": " + done + " jobs");
			}
		}
	}

	private static void createDay(Database db, LocalDate day) {
		db.execute("CREATE TABLE queue_job_history_p%s PARTITION OF queue_job_history FOR VALUES FROM ('%s') TO ('%s')"
			.formatted(day.format(DateTimeFormatter.BASIC_ISO_DATE), day.atStartOfDay(ZoneOffset.UTC).toInstant(),
					day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
	}

	private static Map<String, String> explainAll(Database db, Path directory, String prefix,
			Map<String, List<String>> queries, Map<String, String> sql, Map<String, String> classic, String data)
			throws Exception {
		Map<String, String> plans = new LinkedHashMap<>();
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			// a first pass reads the pages into the cache (the history's fill pushed the
			// job
			// table out of it); each pass starts on a vacuumed job table, as the
			// enqueue's
			// explain, rolled back, leaves dead rows and pages not all visible
			statement.execute("VACUUM queue_job");
			for (Map.Entry<String, List<String>> query : queries.entrySet()) {
				String text = Plans.statement(query.getKey(), sql, classic);
				if (text != null) {
					Plans.explain(statement, text, query.getValue());
				}
			}
			statement.execute("VACUUM queue_job");
			for (Map.Entry<String, List<String>> query : queries.entrySet()) {
				String text = Plans.statement(query.getKey(), sql, classic);
				if (text == null) {
					continue;
				}
				String plan = Plans.explain(statement, text, query.getValue());
				plans.put(query.getKey(), plan);
				Path file = directory.resolve(prefix + "-" + query.getKey() + ".txt");
				Files.writeString(file,
						"-- " + query.getKey() + " (see " + query.getKey() + ".txt), on the jobs of"
								+ " bench/plans/*.txt (1,000,000 pending, 190,000 done, ...) and " + data
								+ "\n-- load average " + String.format("%.2f", load()) + "\n\n" + plan);
			}
		}
		System.out.println("wrote " + directory.resolve(prefix + "-*.txt"));
		return plans;
	}

	/**
	 * The first page of the job list, all states, newest first, run {@value #LIST_RUNS}
	 * times on one connection; the plan PostgreSQL ran last, from auto_explain.
	 */
	private static String list(Database db, Path directory, String name, String data) throws Exception {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.url, Database.USER, Database.PASSWORD,
				true);
		try {
			ListPlans.PlanCapture jdbc = ListPlans.PlanCapture.explaining(dataSource);
			JobStores stores = JdbcJobStores.create(jdbc, QueueJobSchema.CURRENT, true);
			JobOperations operations = ListPlans.PlanCapture.operations(jdbc, stores, dataSource);
			String first = null;
			String last = null;
			int jobs = 0;
			for (int run = 0; run < LIST_RUNS; run++) {
				jdbc.plans.clear();
				jobs = operations.list(new JobQuery(JobFilter.ALL, JobSort.NEWEST, 50, null)).jobs().size();
				last = String.join("\n", jdbc.plans);
				if (first == null) {
					first = last;
				}
			}
			Path file = directory.resolve(name + ".txt");
			Files.writeString(file,
					"-- " + name + ": the job list, all states, newest first, 50 jobs a page, first page: " + jobs
							+ " jobs, run " + LIST_RUNS + " on one connection (first run " + ListPlans.millis(first)
							+ " ms" + (ListPlans.generic(last) ? ", generic plan" : "")
							+ ")\n-- on the jobs of bench/plans/*.txt and " + data + "\n-- load average "
							+ String.format("%.2f", load()) + "\n\n" + last.strip() + "\n");
			System.out.println("wrote " + file);
			return last;
		}
		finally {
			dataSource.destroy();
		}
	}

	/**
	 * A plan's nodes, with the indexes and tables they read, without estimates, timings,
	 * conditions and buffers.
	 */
	static String shape(String plan) {
		List<String> nodes = new ArrayList<>();
		String[] lines = plan.split("\n");
		for (int i = 0; i < lines.length; i++) {
			String trimmed = lines[i].strip();
			if (i == 0 || trimmed.startsWith("->") || trimmed.startsWith("InitPlan") || trimmed.startsWith("SubPlan")
					|| trimmed.startsWith("CTE ")) {
				nodes.add(DETAIL.matcher(lines[i]).replaceFirst(""));
			}
		}
		return String.join("\n", nodes);
	}

	private static double execution(String plan) {
		Matcher matcher = EXECUTION.matcher(plan);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	private static double millis(long from, long to) {
		return (to - from) / 1e6;
	}

	private static LocalDate day(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	private static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static void log(String message) {
		System.out.printf("%s %s (load %.2f)%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), message, load());
	}

	/**
	 * The durations of one cycle, in milliseconds.
	 */
	private record Cycle(double total, double first, int created, double partitions, int moved, double move,
			List<String> dropped, double drop, double load) {

		@Override
		public String toString() {
			return String.format(
					"%.0f ms (first finish %.1f, %d partitions created in %.1f, %d jobs moved in %.0f,"
							+ " %s dropped in %.1f), load %.2f",
					this.total, this.first, this.created, this.partitions, this.moved, this.move, this.dropped,
					this.drop, this.load);
		}

	}

}
