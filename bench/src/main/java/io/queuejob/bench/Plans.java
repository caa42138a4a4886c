package io.queuejob.bench;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.queuejob.spring.internal.store.JdbcJobStores;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.QueueJobSchema;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code EXPLAIN (ANALYZE, BUFFERS)} of the runner's and the workers' queries, as
 * the starter's store sends them, on a table of 1 000 000 pending jobs (and done,
 * enqueued, started and failed ones), one file per query.
 */
final class Plans {

	private Plans() {
	}

	static void write(Path directory) throws Exception {
		Files.createDirectories(directory);
		try (Database db = Database.fresh("plans")) {
			Map<String, String> sql;
			try (ConfigurableApplicationContext context = Node.enqueuer(db)) {
				sql = storeSql(context.getBean(JobStores.class));
			}
			// the statements that differ when a channel has a limit (no direct claims)
			Map<String, String> classic = storeSql(
					JdbcJobStores.create(new JdbcTemplate(), QueueJobSchema.CURRENT, false));
			seed(db);
			Map<String, List<String>> queries = queries(db);
			try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
				for (Map.Entry<String, List<String>> query : queries.entrySet()) {
					boolean withoutDirectClaims = query.getKey().startsWith("classic-");
					String name = withoutDirectClaims ? query.getKey().substring("classic-".length()) : query.getKey();
					String field = name.substring(name.indexOf('-') + 1);
					String text = (withoutDirectClaims ? classic : sql).get(field);
					if (text == null) {
						continue;
					}
					String plan = explain(statement, text, query.getValue());
					Path file = directory.resolve(query.getKey() + ".txt");
					Files.writeString(file,
							"-- " + query.getKey() + ": the store's " + field + " statement"
									+ (withoutDirectClaims ? ", with a channel limit (no direct claims)"
											: ", under direct claims (the default channels)")
									+ ", on 1,000,000 pending (10,000 with an eta,"
									+ " half of them due), 200,000 done, 2,000 enqueued, 8 started, 100 failed jobs\n"
									+ "-- parameters: "
									+ query.getValue()
										.stream()
										.map((p) -> (p.length() > 60) ? "(" + p.length() + " chars)" : p)
										.toList()
									+ "\n\n" + text.strip() + "\n\n" + plan);
					System.out.println("wrote " + file);
				}
			}
		}
	}

	/**
	 * Fill the job table: 1,000,000 pending jobs (10,000 with an eta, half of them due),
	 * 200,000 done, 2,000 enqueued, 8 started and 100 failed ones, then vacuum and
	 * analyze it.
	 */
	static void seed(Database db) {
		String insert = """
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args,
				    description, retry, worker, date_enqueued, date_started, date_done)
				SELECT gen_random_uuid(), '%s', 'root', 10, 5, 'benchJobs.tx', jsonb_build_array(g), 'bench',
				    %s, %s, %s, %s, %s
				FROM generate_series(1, %d) g
				""";
		db.execute(insert.formatted("done", "1", "'bench-node'", "now()", "now()", "now()", 200_000));
		db.execute(insert.formatted("pending", "0", "NULL", "NULL", "NULL", "NULL", 1_000_000));
		db.execute(insert.formatted("enqueued", "0", "NULL", "now()", "NULL", "NULL", 2_000));
		db.execute(insert.formatted("started", "1", "'bench-node'", "now()", "now()", "NULL", 8));
		db.execute(insert.formatted("failed", "1", "'bench-node'", "now()", "now()", "NULL", 100));
		// one pending job in a hundred has an eta, half of them due
		db.execute("UPDATE queue_job SET eta = now() + CASE WHEN id % 200 = 0 THEN interval '1 hour' "
				+ "ELSE interval '-1 hour' END WHERE state = 'pending' AND id % 100 = 0");
		db.execute("VACUUM ANALYZE queue_job");
	}

	/**
	 * The queries whose plans are written, by file name (the store's field name, with a
	 * prefix), with their parameters, on the jobs of {@link #seed}.
	 */
	static Map<String, List<String>> queries(Database db) {
		String pendingIds = "'{" + String.join(",", db.queryStrings(
				"SELECT id FROM queue_job WHERE state = 'pending' ORDER BY priority, date_created, id LIMIT 1000"))
				+ "}'";
		String startedId = db.queryStrings("SELECT id FROM queue_job WHERE state = 'started' LIMIT 1").get(0);
		String args = "'{"
				+ IntStream.range(0, 1000).mapToObj((i) -> "\"[" + i + "]\"").collect(Collectors.joining(",")) + "}'";
		Map<String, List<String>> queries = new LinkedHashMap<>();
		queries.put("runner-running", List.of());
		queries.put("runner-failed", List.of("'{root.seq}'", "'{root.seq.%}'"));
		queries.put("runner-pendingChannels", List.of());
		queries.put("runner-windows", List.of("'{root}'", "'{1000}'", "'{false}'", "'{false}'", "now()", "now()"));
		queries.put("runner-enqueue", List.of(pendingIds, "'bench_plan_channel'", "'bench-node'"));
		queries.put("runner-countEnqueued", List.of("1000"));
		queries.put("runner-startedWithoutLock", List.of("29034"));
		queries.put("worker-countClaimable", List.of("100", "100", "100", "100"));
		queries.put("worker-claim", List.of("'bench-worker'", "32", "32", "32", "32", "32"));
		queries.put("worker-done", List.of("NULL", startedId, "'bench-node'", "1"));
		queries.put("worker-doneAll", List.of("'{" + startedId + "}'", "'{bench-node}'", "'{1}'", "'{NULL}'"));
		queries.put("classic-runner-pendingChannels", List.of());
		queries.put("classic-runner-windows",
				List.of("'{root}'", "'{1000}'", "'{false}'", "'{false}'", "now()", "now()"));
		queries.put("classic-worker-claim", List.of("'bench-worker'", "32"));
		queries.put("enqueue-insert",
				List.of("gen_random_uuid()", "NULL", "'pending'", "'root'", "10", "NULL", "5", "'benchJobs.tx'",
						"'[1]'", "'bench'", "NULL", "NULL", "NULL", "NULL", "NULL", "'queue_job_enqueued'",
						"'bench-node'"));
		queries.put("enqueue-insertAll", List.of("'pending'", "'root'", "10", "NULL", "5", "'benchJobs.tx'", "'bench'",
				"NULL", "NULL", "NULL", args, "NULL", "NULL"));
		return queries;
	}

	/**
	 * The text of a query of {@link #queries}.
	 * @param name the query's name
	 * @param sql the statements of the stores under direct claims
	 * @param classic those without direct claims
	 * @return the text, or {@code null} when no store has it
	 */
	static String statement(String name, Map<String, String> sql, Map<String, String> classic) {
		boolean withoutDirectClaims = name.startsWith("classic-");
		String field = withoutDirectClaims ? name.substring("classic-".length()) : name;
		return (withoutDirectClaims ? classic : sql).get(field.substring(field.indexOf('-') + 1));
	}

	static String explain(Statement statement, String sql, List<String> parameters) throws SQLException, IOException {
		StringBuilder numbered = new StringBuilder();
		int n = 0;
		for (char c : sql.toCharArray()) {
			if (c == '?') {
				numbered.append('$').append(++n);
			}
			else {
				numbered.append(c);
			}
		}
		statement.execute("BEGIN");
		try {
			statement.execute("PREPARE bench_plan AS " + numbered);
			String execute = "EXECUTE bench_plan"
					+ (parameters.isEmpty() ? "" : "(" + String.join(", ", parameters) + ")");
			List<String> lines = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + execute)) {
				while (rs.next()) {
					lines.add(rs.getString(1));
				}
			}
			return String.join("\n", lines) + "\n";
		}
		finally {
			statement.execute("ROLLBACK");
			statement.execute("DEALLOCATE ALL");
		}
	}

	/**
	 * The statements of the stores, by the name of the field that holds them.
	 */
	static Map<String, String> storeSql(JobStores stores) throws ReflectiveOperationException {
		Map<String, String> texts = new LinkedHashMap<>();
		for (Object store : List.of(stores.enqueue(), stores.runner(), stores.workers(), stores.rescue())) {
			for (Field text : store.getClass().getDeclaredFields()) {
				if (text.getType() == String.class && !Modifier.isStatic(text.getModifiers())) {
					text.setAccessible(true);
					texts.put(text.getName(), (String) text.get(store));
				}
			}
		}
		return texts;
	}

}
