package io.queuejob.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.operations.DefaultJobOperations;
import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobQuery;
import io.queuejob.spring.operations.JobSort;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the plans of the job list and the capped counts, as the starter's operations
 * send them, for each filter on a table of 1,000,000 jobs (90 % done), one file per list
 * page or count, and prints the execution time of each. The plans are those PostgreSQL
 * ran: {@code auto_explain} on the connection of the operations reports every executed
 * statement with {@code ANALYZE} and {@code BUFFERS}. Each statement runs {@value #RUNS}
 * times on the same connection and the plan of the last run is written: from the 5th run
 * the driver prepares the statement on the server, and from the 6th run of the prepared
 * statement the server may choose a generic plan, one without the bound values, so the
 * file shows the plan an application gets on a busy connection.
 */
final class ListPlans {

	private static final int JOBS = 1_000_000;

	/** The history the jobs were created over, evenly. */
	private static final Duration SPAN = Duration.ofDays(30);

	private static final int RUNS = 12;

	private static final int PAGE = 50;

	private static final String DATA = "on 1,000,000 jobs created over 30 days (id order): 90 % done, 7 % cancelled,"
			+ " 2 % failed, the newest 10,000 pending, enqueued, started or waiting; channels root 70 %, root.mail"
			+ " 30 %, root.rare 50 jobs; functions orders.confirm 60 %, mail.send 40 %, reports.yearly 200 jobs;"
			+ " description 'order <n>', 'needle' in 10 jobs";

	private static final Pattern DURATION = Pattern.compile("duration: ([0-9.]+) ms");

	private static final Pattern RETURNS = Pattern.compile("returns (\\$[0-9]+)");

	private static final Pattern PARAMETER = Pattern.compile("(\\$[0-9]+)");

	private ListPlans() {
	}

	static void write(Path directory) throws Exception {
		Files.createDirectories(directory);
		try (Database db = Database.fresh("plans_list")) {
			// creates the schema
			try (ConfigurableApplicationContext context = Node.enqueuer(db)) {
				context.getBean(JobStores.class);
			}
			Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			seed(db, now.minus(SPAN));
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.url, Database.USER,
					Database.PASSWORD, true);
			try {
				PlanCapture jdbc = PlanCapture.explaining(dataSource);
				JobStores stores = JdbcJobStores.create(jdbc, QueueJobSchema.CURRENT, true);
				JobOperations operations = PlanCapture.operations(jdbc, stores, dataSource);
				List<String> summary = new ArrayList<>();
				for (Case c : cases(now)) {
					Instant middle = c.middle();
					long deepId = db.queryLong("SELECT max(id) FROM queue_job WHERE id <= " + (long) (JOBS
							* (Duration.between(now.minus(SPAN), middle).toMillis() / (double) SPAN.toMillis())));
					Instant deepCreated = Instant.parse(db.queryStrings(
							"SELECT to_char(date_created AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
									+ " FROM queue_job WHERE id = " + deepId)
						.get(0));
					for (JobSort sort : c.sorts()) {
						String suffix = (sort == JobSort.OLDEST) ? "-oldest" : "";
						summary.add(list(directory, operations, jdbc, "list-" + c.name() + suffix, c,
								new JobQuery(c.filter(), sort, PAGE, null), "first page"));
						String cursor = cursor(sort, deepCreated, deepId);
						summary.add(list(directory, operations, jdbc, "list-" + c.name() + suffix + "-deep", c,
								new JobQuery(c.filter(), sort, PAGE, cursor),
								"page after the job created at " + deepCreated + " (id " + deepId + ")"));
					}
					summary.add(counts(directory, operations, jdbc, c));
				}
				System.out.println();
				System.out.println("list and counts at 1,000,000 jobs: ms of the first run, ms of run " + RUNS
						+ " (its plan in the file)");
				summary.forEach(System.out::println);
			}
			finally {
				dataSource.destroy();
			}
		}
	}

	private static List<Case> cases(Instant now) {
		Instant start = now.minus(SPAN);
		Instant middle = start.plus(SPAN.dividedBy(2));
		List<JobSort> newest = List.of(JobSort.NEWEST);
		List<JobSort> both = List.of(JobSort.NEWEST, JobSort.OLDEST);
		Instant day10 = now.minus(Duration.ofDays(10));
		Instant day25 = now.minus(Duration.ofDays(25));
		return List.of(new Case("all", "no filter", JobFilter.ALL, middle, both),
				new Case("states", "states cancelled and failed",
						JobFilter.inStates(JobState.CANCELLED, JobState.FAILED), middle, newest),
				new Case("channel-common", "channel root (70 %)", filter(null, "root", null, null), middle, newest),
				new Case("channel-rare", "channel root.rare (50 jobs)", filter(null, "root.rare", null, null), middle,
						both),
				new Case("function-common", "function orders.confirm (60 %)",
						filter(null, null, "orders.confirm", null), middle, newest),
				new Case("function-rare", "function reports.yearly (200 jobs)",
						filter(null, null, "reports.yearly", null), middle, both),
				new Case("channel-function", "channel root (70 %) and function reports.yearly (200 jobs)",
						filter(null, "root", "reports.yearly", null), middle, newest),
				new Case("done-channel-rare", "state done and channel root.rare",
						filter(Set.of(JobState.DONE), "root.rare", null, null), middle, newest),
				new Case("text-common", "text 'order' (every job)", filter(null, null, null, "order"), middle, newest),
				new Case("text-rare", "text 'needle' (10 jobs)", filter(null, null, null, "needle"), middle, newest),
				new Case("text-rare-done-range", "text 'needle' (10 jobs), done in the last day",
						new JobFilter(Set.of(), null, null, "needle", null, null, now.minus(Duration.ofDays(1)), now),
						now.minus(Duration.ofHours(12)), newest),
				new Case("created", "created on one day 10 days ago",
						new JobFilter(Set.of(), null, null, null, day10, day10.plus(Duration.ofDays(1)), null, null),
						day10.plus(Duration.ofHours(12)), both),
				new Case("done-recent", "done in the last day",
						new JobFilter(Set.of(), null, null, null, null, null, now.minus(Duration.ofDays(1)), now),
						now.minus(Duration.ofHours(12)), both),
				new Case("done-old", "done on one day 25 days ago",
						new JobFilter(Set.of(), null, null, null, null, null, day25, day25.plus(Duration.ofDays(1))),
						day25.plus(Duration.ofHours(12)), both));
	}

	private static JobFilter filter(Set<JobState> states, String channel, String function, String text) {
		return new JobFilter(states, channel, function, text, null, null, null, null);
	}

	private static String list(Path directory, JobOperations operations, PlanCapture jdbc, String name, Case c,
			JobQuery query, String page) throws Exception {
		List<String> plans = new ArrayList<>();
		int jobs = 0;
		for (int run = 0; run < RUNS; run++) {
			jdbc.plans.clear();
			jobs = operations.list(query).jobs().size();
			plans.add(String.join("\n", jdbc.plans));
		}
		return report(directory, name, "the job list, sorted " + query.sort().name().toLowerCase() + ", " + PAGE
				+ " jobs a page, " + c.description() + ", " + page + ": " + jobs + " jobs", plans);
	}

	private static String counts(Path directory, JobOperations operations, PlanCapture jdbc, Case c) throws Exception {
		List<String> plans = new ArrayList<>();
		long total = 0;
		for (int run = 0; run < RUNS; run++) {
			jdbc.plans.clear();
			total = operations.counts(c.filter()).counts().values().stream().mapToLong(Long::longValue).sum();
			plans.add(String.join("\n", jdbc.plans));
		}
		return report(directory, "counts-" + c.name(),
				"the capped counts per state, " + c.description() + ": " + total + " jobs counted", plans);
	}

	private static String report(Path directory, String name, String what, List<String> plans) throws Exception {
		String last = plans.get(plans.size() - 1);
		Path file = directory.resolve(name + ".txt");
		Files.writeString(file, "-- " + name + ": " + what + ", run " + RUNS + " on one connection\n-- " + DATA + "\n\n"
				+ last.strip() + "\n");
		return String.format("%-32s %10.1f ms %10.1f ms%s   %s", name, millis(plans.get(0)), millis(last),
				generic(last) ? "  (generic plan)" : "", what);
	}

	/**
	 * Whether a plan was made without the bound values: below the query text, a condition
	 * names a parameter that is not the result of a subquery.
	 */
	static boolean generic(String plan) {
		int body = plan.indexOf("(cost=");
		if (body < 0) {
			return false;
		}
		Set<String> results = new HashSet<>();
		Matcher returns = RETURNS.matcher(plan);
		while (returns.find()) {
			results.add(returns.group(1));
		}
		Matcher parameter = PARAMETER.matcher(plan.substring(plan.lastIndexOf('\n', body) + 1));
		while (parameter.find()) {
			if (!results.contains(parameter.group(1))) {
				return true;
			}
		}
		return false;
	}

	static double millis(String plan) {
		Matcher matcher = DURATION.matcher(plan);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	private static String cursor(JobSort sort, Instant created, long id) throws ReflectiveOperationException {
		Class<?> type = Class.forName("io.queuejob.spring.internal.operations.JobCursor");
		Constructor<?> constructor = type.getDeclaredConstructor(JobSort.class, Instant.class, long.class);
		constructor.setAccessible(true);
		Method encode = type.getDeclaredMethod("encode");
		encode.setAccessible(true);
		return (String) encode.invoke(constructor.newInstance(sort, created, id));
	}

	private static void seed(Database db, Instant start) {
		// job g is created at start + g * 2.592 s; the newest 10,000 are still to run;
		// the
		// state depends on g % 100, the channel and the function on other digits, so that
		// they are independent of one another
		db.execute("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, description,
				    exc_name, exc_message, retry, date_created, date_enqueued, date_started, date_done, date_cancelled)
				SELECT gen_random_uuid(), s.state,
				    CASE WHEN g %% 20011 = 7 THEN 'root.rare' WHEN (g / 100) %% 10 < 7 THEN 'root' ELSE 'root.mail' END,
				    10, 5, CASE WHEN g %% 4999 = 3 THEN 'reports.yearly' WHEN (g / 1000) %% 10 < 6 THEN 'orders.confirm'
				        ELSE 'mail.send' END,
				    jsonb_build_array(g), CASE WHEN g %% 100003 = 11 THEN 'needle ' ELSE 'order ' END || g,
				    CASE WHEN s.state = 'failed' THEN 'java.net.SocketTimeoutException' END,
				    CASE WHEN s.state = 'failed' THEN 'Read timed out' END, 0, c.created,
				    CASE WHEN s.state IN ('done', 'failed', 'enqueued', 'started') THEN c.created END,
				    CASE WHEN s.state IN ('done', 'failed', 'started') THEN c.created END,
				    CASE WHEN s.state = 'done' THEN c.created + (g %% 600) * interval '1 s' END,
				    CASE WHEN s.state = 'cancelled' THEN c.created + interval '1 min' END
				FROM generate_series(1, %1$d) g
				CROSS JOIN LATERAL (SELECT timestamptz '%2$s' + g * interval '2592 ms' AS created) c
				CROSS JOIN LATERAL (SELECT CASE
				    WHEN g > %1$d - 10000 THEN (CASE WHEN g %% 10 < 6 THEN 'pending' WHEN g %% 10 < 8 THEN 'enqueued'
				        WHEN g %% 1000 = 9 THEN 'started' ELSE 'wait_dependencies' END)
				    WHEN g %% 100 < 91 THEN 'done' WHEN g %% 100 < 98 THEN 'cancelled' ELSE 'failed' END AS state) s
				ORDER BY g
				""".formatted(JOBS, start));
		db.execute("VACUUM ANALYZE queue_job");
	}

	/**
	 * A filter measured: a first page and a page from a cursor at its middle, in each
	 * sort, and the counts.
	 */
	private record Case(String name, String description, JobFilter filter, Instant middle, List<JobSort> sorts) {

	}

	/**
	 * A template that keeps the notices of each statement: the plans auto_explain sends.
	 */
	static final class PlanCapture extends JdbcTemplate {

		final List<String> plans = new ArrayList<>();

		PlanCapture(SingleConnectionDataSource dataSource) {
			super(dataSource);
		}

		/**
		 * A template on one connection whose statements' plans the server logs with
		 * auto_explain (analyzed, with buffers) and this template collects.
		 */
		static PlanCapture explaining(SingleConnectionDataSource dataSource) {
			PlanCapture jdbc = new PlanCapture(dataSource);
			jdbc.execute("LOAD 'auto_explain'");
			jdbc.execute("SET auto_explain.log_min_duration = 0");
			jdbc.execute("SET auto_explain.log_analyze = on");
			jdbc.execute("SET auto_explain.log_buffers = on");
			jdbc.execute("SET auto_explain.log_level = notice");
			return jdbc;
		}

		/**
		 * The starter's job operations on the capturing template.
		 */
		static JobOperations operations(PlanCapture jdbc, JobStores stores, SingleConnectionDataSource dataSource) {
			return new DefaultJobOperations(new NamedParameterJdbcTemplate(jdbc), QueueJobSchema.CURRENT,
					stores.enqueue(), new TransactionTemplate(new DataSourceTransactionManager(dataSource)), List::of,
					List::of, stores.runner());
		}

		@Override
		protected void handleWarnings(Statement statement) throws SQLException {
			for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
				this.plans.add(warning.getMessage());
			}
		}

	}

}
