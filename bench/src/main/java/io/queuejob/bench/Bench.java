package io.queuejob.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark command. Without arguments it runs the reference measurement and every
 * workload and prints the table, then the ratios of W1 to W3 to their hand-written ideal
 * against the targets; {@code plans} writes the query plans, {@code list-plans} only
 * those of the job list and counts, {@code history-plans} the runner's and workers' plans
 * and the autovacuum's history cycle with an empty and a large history (see
 * {@link HistoryPlans}); workload names ({@code REF W1 W1D W2 W3 W4 W5 FLOW}) run only
 * those. Options: {@code --reps N} (default 3), {@code --w4-jobs N} (default 1,000,000),
 * {@code --w4-drain N} (default 200,000), {@code --flow-rounds N} (default 100),
 * {@code --plans-dir DIR} (default {@code plans}), {@code --history-rows N} (default
 * 10,000,000).
 */
public final class Bench {

	private static final Set<String> ALL = Set.of("REF", "W1", "W1D", "W2", "W3", "W4", "W5", "FLOW");

	private Bench() {
	}

	/**
	 * Run the benchmarks.
	 * @param args the workloads and options
	 * @throws Exception when a workload cannot run
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("enqueue-child")) {
			Workloads.enqueueChild(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
					Integer.parseInt(args[4]));
			System.exit(0);
		}
		int reps = 3;
		int w4Jobs = 1_000_000;
		int w4Drain = 200_000;
		int flowRounds = 100;
		Path plansDir = Path.of("plans");
		boolean plans = false;
		boolean listPlans = false;
		boolean historyPlans = false;
		int historyRows = 10_000_000;
		List<String> selected = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--reps" -> reps = Integer.parseInt(args[++i]);
				case "--w4-jobs" -> w4Jobs = Integer.parseInt(args[++i]);
				case "--w4-drain" -> w4Drain = Integer.parseInt(args[++i]);
				case "--flow-rounds" -> flowRounds = Integer.parseInt(args[++i]);
				case "--plans-dir" -> plansDir = Path.of(args[++i]);
				case "plans" -> plans = true;
				case "list-plans" -> listPlans = true;
				case "history-plans" -> historyPlans = true;
				case "--history-rows" -> historyRows = Integer.parseInt(args[++i]);
				default -> {
					String name = args[i].toUpperCase();
					if (!ALL.contains(name)) {
						throw new IllegalArgumentException("Unknown workload or option " + args[i]);
					}
					selected.add(name);
				}
			}
		}
		if (plans) {
			Plans.write(plansDir);
			FlowPlans.write(plansDir);
			ListPlans.write(plansDir);
			System.exit(0);
		}
		if (historyPlans) {
			HistoryPlans.write(plansDir, historyRows);
			System.exit(0);
		}
		if (listPlans) {
			ListPlans.write(plansDir);
			System.exit(0);
		}
		if (selected.isEmpty()) {
			selected.addAll(List.of("REF", "W1", "W1D", "W2", "W3", "W4", "W5", "FLOW"));
		}
		Instant started = Instant.now();
		String header = header(reps, w4Jobs, w4Drain);
		System.out.println(header);
		Results results = new Results();
		Workloads workloads = new Workloads(results, reps);
		for (String workload : selected) {
			System.out.println("== " + workload + " (" + Instant.now() + ")");
			try {
				run(workload, results, workloads, reps, w4Jobs, w4Drain, flowRounds);
			}
			catch (RuntimeException ex) {
				ex.printStackTrace();
				results.check(workload, "aborted: " + ex);
			}
		}
		System.out.println();
		System.out.println(header);
		System.out.println(results.table());
		System.out.println("Bench took " + Duration.between(started, Instant.now()).toSeconds() + " s");
		System.exit(results.failed() ? 1 : 0);
	}

	private static void run(String workload, Results results, Workloads workloads, int reps, int w4Jobs, int w4Drain,
			int flowRounds) {
		switch (workload) {
			case "REF" -> new Reference(results, reps).run();
			case "W1" -> workloads.singleEnqueue();
			case "W1D" -> {
				workloads.drain(true);
				workloads.drain(false);
			}
			case "W2" -> workloads.producerAndWorkers();
			case "W3" -> workloads.latency();
			case "W4" -> workloads.backlog(w4Jobs, w4Drain);
			case "W5" -> new Cluster(results, reps).run();
			case "FLOW" -> new FlowRounds(results, flowRounds).run();
			default -> throw new IllegalStateException(workload);
		}
	}

	private static String header(int reps, int w4Jobs, int w4Drain) throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		String postgres;
		try (Connection connection = Database.server();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT version()")) {
			rs.next();
			postgres = rs.getString(1);
		}
		return String.format("""
				queue-job bench, %s
				machine: %d cores, %.1f GB memory, %s %s (%s), heap max %d MB
				load average at start: %.2f
				PostgreSQL: %s at %s
				PostgreSQL settings: %s
				queue-job settings: %d worker threads, %d pooled connections (Hikari), root channel unlimited
				  (W5: root:%d, each node a JVM of its own), poll interval 5s (default), runner max
				  window 1000 (default), no-op jobs, each workload on a fresh database, %d repetitions
				  (W4: 1, %,d pending, first %,d drained)
				""", Instant.now(), os.getAvailableProcessors(), os.getTotalMemorySize() / 1e9,
				System.getProperty("java.vm.name"), System.getProperty("java.version"),
				System.getProperty("java.vm.vendor"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
				os.getSystemLoadAverage(), postgres, Database.SERVER_URL, Reference.settings(), Node.THREADS, Node.POOL,
				Cluster.CAPACITY, reps, w4Jobs, w4Drain);
	}

}
