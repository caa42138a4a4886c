package io.queuejob.bench;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.operations.JobOperations;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes {@code EXPLAIN (ANALYZE, BUFFERS)} of the runner's flow-control queries (paused
 * channels, recent starts for rates, running jobs per key, candidates per key and the
 * range of jobs without a key) and of the bulk count of the waiting jobs per channel and
 * reason (its grouped pass, the due jobs of the keys at their limit, the first pending
 * job of a channel) on 1,000,000 pending jobs across 1,000 partition keys, one file per
 * query, and says of each whether it scans the job table sequentially.
 */
final class FlowPlans {

	private static final String DATA = "on 1,000,000 pending jobs in root.flow across 1,000 partition keys and"
			+ " 10,000 there without a key, 200,000 done (100,000 started in the last 10 minutes), 8 started"
			+ " (keys k1-k8), 2 paused channels";

	private FlowPlans() {
	}

	static void write(Path directory) throws Exception {
		Files.createDirectories(directory);
		try (Database db = Database.fresh("plans_flow")) {
			Map<String, String> sql;
			try (ConfigurableApplicationContext context = Node
				.enqueuer(withChannels(db, "root:64, flow:16:rate=600/10m:per-key=1"))) {
				sql = new LinkedHashMap<>(Plans.storeSql(context.getBean(JobStores.class)));
				sql.putAll(waitingSql(context));
			}
			seed(db);
			Map<String, List<String>> queries = new LinkedHashMap<>();
			queries.put("runner-paused", List.of());
			queries.put("runner-recentStarts", List.of("'{root.flow}'", "'{600000}'"));
			queries.put("runner-runningByKey", List.of("'{root.flow}'", "'{root.flow.%}'"));
			queries.put("runner-keyedWindows", List.of("'{root.flow}'", "'{16}'", "'{false}'", "'{1}'",
					"'{root.flow,root.flow}'", "'{k1,k2}'", "now()", "now()"));
			if (sql.containsKey("counts")) {
				// the bulk count of the waiting jobs per channel and reason
				queries.put("waiting-counts", List.of());
				queries.put("waiting-keyCounts", List.of("'{k1,k2,k3,k4,k5,k6,k7,k8}'"));
				queries.put("waiting-first", List.of("'root.flow'"));
			}
			try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
				for (Map.Entry<String, List<String>> query : queries.entrySet()) {
					String field = query.getKey().substring(query.getKey().indexOf('-') + 1);
					String text = sql.get(field);
					String plan = Plans.explain(statement, text, query.getValue());
					Path file = directory.resolve(query.getKey() + ".txt");
					Files.writeString(file,
							"-- " + query.getKey() + ": the "
									+ (query.getKey().startsWith("runner-") ? "store's " : "waiting counts' ") + field
									+ " statement, with a channel" + " root.flow:16:rate=600/10m:per-key=1, " + DATA
									+ "\n-- parameters: " + query.getValue() + "\n\n" + text.strip() + "\n\n" + plan);
					boolean sequential = plan.lines()
						.anyMatch((line) -> line.contains("Seq Scan on queue_job ")
								|| line.contains("Seq Scan on queue_job q"));
					System.out.println("wrote " + file + (sequential ? " (scans queue_job sequentially)"
							: " (queue_job read through indexes only)"));
				}
			}
		}
	}

	/**
	 * The statements that count the waiting jobs per channel and reason, read from the
	 * operations of the context, or none when it has no operations.
	 */
	private static Map<String, String> waitingSql(ConfigurableApplicationContext context)
			throws ReflectiveOperationException {
		Map<String, String> texts = new LinkedHashMap<>();
		JobOperations operations = context.getBeanProvider(JobOperations.class).getIfAvailable();
		if (operations == null) {
			System.out.println("no JobOperations in the context: the waiting counts are not planned");
			return texts;
		}
		Field waiting = operations.getClass().getDeclaredField("waiting");
		waiting.setAccessible(true);
		Object reasons = waiting.get(operations);
		for (String name : List.of("counts", "keyCounts", "first")) {
			Field text = reasons.getClass().getDeclaredField(name);
			text.setAccessible(true);
			texts.put(name, (String) text.get(reasons));
		}
		return texts;
	}

	private static Map<String, Object> withChannels(Database db, String channels) {
		Map<String, Object> properties = new LinkedHashMap<>(db.properties());
		properties.put("queue-job.channels", channels);
		return properties;
	}

	private static void seed(Database db) {
		String insert = """
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, description,
				    partition_key, retry, worker, date_enqueued, date_started, date_done)
				SELECT gen_random_uuid(), '%s', 'root.flow', 10, 5, 'benchJobs.tx', jsonb_build_array(g), 'bench',
				    %s, %s, %s, %s, %s, %s
				FROM generate_series(1, %d) g
				""";
		db.execute(insert.formatted("done", "'k' || (g % 1000)", "1", "'bench-node'", "now()",
				"now() - g * interval '6 ms'", "now()", 200_000));
		db.execute(insert.formatted("pending", "'k' || (g % 1000)", "0", "NULL", "NULL", "NULL", "NULL", 1_000_000));
		db.execute(insert.formatted("pending", "NULL", "0", "NULL", "NULL", "NULL", "NULL", 10_000));
		db.execute(insert.formatted("started", "'k' || g", "1", "'bench-node'", "now()", "now()", "NULL", 8));
		db.execute("INSERT INTO queue_job_channel_pause (channel) VALUES ('root.other'), ('root.mail')");
		db.execute("VACUUM ANALYZE queue_job");
	}

}
