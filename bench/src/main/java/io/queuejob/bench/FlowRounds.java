package io.queuejob.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.queuejob.core.channel.Candidate;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.core.channel.Plan;
import io.queuejob.core.channel.Round;
import io.queuejob.core.channel.WindowRequest;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.RunnerStore;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * FLOW: what one runner round costs on a backlog of 100,000 pending jobs across 1,000
 * partition keys, with a rate and a limit per key on their channel, against the same
 * backlog when that channel has only a capacity. Each round is the runner's (round lock,
 * load, pending channels, windows, enqueue) in a transaction that is rolled back, so that
 * every round sees the same backlog, the same running jobs and the same recent starts.
 */
final class FlowRounds {

	static final int JOBS = 100_000;

	static final int KEYS = 1_000;

	static final int PLAIN_JOBS = 10_000;

	private static final int WARM_UP = 20;

	private static final String LIMITED = "root:64, flow:16:rate=600/10m:per-key=1, plain:4";

	private static final String CAPACITY_ONLY = "root:64, flow:16, plain:4";

	private final Results results;

	private final int rounds;

	FlowRounds(Results results, int rounds) {
		this.results = results;
		this.rounds = rounds;
	}

	void run() {
		try (Database db = Database.fresh("flow")) {
			try (ConfigurableApplicationContext context = Node.enqueuer(db)) {
				// the node creates the schema
			}
			seed(db);
			measure(db, "capacity only", CAPACITY_ONLY);
			measure(db, "rate and per-key", LIMITED);
		}
	}

	/**
	 * The backlog: 100,000 pending jobs in root.flow, 100 per key, and 10,000 without a
	 * key in root.plain; 8 jobs of 8 keys started in root.flow (those keys are at their
	 * limit), and 587 done there in the last minute: with the 8 started, the rate of 600
	 * per 10 minutes has room for 5 more starts, fewer than the capacity's 8.
	 */
	private static void seed(Database db) {
		String insert = """
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, description,
				    partition_key, retry, worker, date_enqueued, date_started, date_done)
				SELECT gen_random_uuid(), '%s', '%s', 10, 5, 'benchJobs.tx', jsonb_build_array(g), 'bench', %s,
				    %s, %s, %s, %s, %s
				FROM generate_series(1, %d) g
				""";
		db.execute(insert.formatted("pending", "root.flow", "'k' || (g % " + KEYS + ")", "0", "NULL", "NULL", "NULL",
				"NULL", JOBS));
		db.execute(insert.formatted("pending", "root.plain", "NULL", "0", "NULL", "NULL", "NULL", "NULL", PLAIN_JOBS));
		db.execute(
				insert.formatted("started", "root.flow", "'k' || g", "1", "'bench-node'", "now()", "now()", "NULL", 8));
		db.execute(insert.formatted("done", "root.flow", "'k' || (g % " + KEYS + ")", "1", "'bench-node'",
				"now() - interval '1 minute'", "now() - interval '1 minute' + g * interval '10 ms'", "now()", 587));
		db.execute("VACUUM ANALYZE queue_job");
	}

	private void measure(Database db, String name, String channels) {
		Map<String, Object> properties = new LinkedHashMap<>(db.properties());
		properties.put("queue-job.channels", channels);
		try (ConfigurableApplicationContext context = Node.enqueuer(properties)) {
			RunnerStore store = context.getBean(JobStores.class).runner();
			ChannelScheduler scheduler = context.getBean(ChannelScheduler.class);
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			RoundInputs inputs = RoundInputs.of(scheduler);
			int planned = 0;
			for (int i = 0; i < WARM_UP; i++) {
				planned = transaction.execute((status) -> {
					status.setRollbackOnly();
					return round(store, scheduler, inputs);
				});
			}
			List<Long> nanos = new ArrayList<>();
			CountingDataSource.reset();
			CountingDataSource.countOnly(Thread.currentThread());
			for (int i = 0; i < this.rounds; i++) {
				long start = System.nanoTime();
				transaction.executeWithoutResult((status) -> {
					status.setRollbackOnly();
					round(store, scheduler, inputs);
				});
				nanos.add(System.nanoTime() - start);
			}
			CountingDataSource.countOnly(null);
			Map<String, Long> statements = CountingDataSource.statements();
			long total = statements.values().stream().mapToLong(Long::longValue).sum();
			nanos.sort(null);
			double median = percentile(nanos, 50);
			double p95 = percentile(nanos, 95);
			String label = String.format("FLOW round, %s (%s)", name, channels);
			this.results.add(label + ", median", "ms", median);
			this.results.add(label + ", p95", "ms", p95);
			this.results.note(String.format(
					"FLOW %s: %d jobs chosen per round, %.2f statements per round over %d rounds (after %d warm-up):%s",
					name, planned, (double) total / this.rounds, this.rounds, WARM_UP,
					statements.entrySet()
						.stream()
						.map((entry) -> String.format("%n    %.2f  %s", (double) entry.getValue() / this.rounds,
								entry.getKey()))
						.collect(Collectors.joining())));
		}
	}

	/**
	 * One round as the runner plans it; the caller's transaction is rolled back.
	 * @return how many jobs the round chose
	 */
	private static int round(RunnerStore store, ChannelScheduler scheduler, RoundInputs inputs) {
		if (!store.tryRoundLock(0, Duration.ZERO)) {
			throw new IllegalStateException("Round lock taken by another session");
		}
		Instant now = Instant.now();
		Round round = scheduler.round(now, store.load(inputs.sequential(), inputs.rates(), inputs.perKey(), now));
		Map<String, WindowRequest> requests = new LinkedHashMap<>();
		for (String channel : store.pendingChannels()) {
			requests.put(channel, round.window(channel));
		}
		Plan plan = round.plan(store.windows(requests, now));
		if (!plan.toRun().isEmpty()) {
			store.enqueue(plan.toRun().stream().map(Candidate::id).toList());
		}
		return plan.toRun().size();
	}

	private static double percentile(List<Long> sortedNanos, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sortedNanos.size()) - 1;
		return sortedNanos.get(Math.max(0, index)) / 1e6;
	}

	/**
	 * What the runner derives from its channels once, as {@code JobRunner} does.
	 */
	private record RoundInputs(Collection<String> sequential, Map<String, Duration> rates, Collection<String> perKey) {

		static RoundInputs of(ChannelScheduler scheduler) {
			List<ChannelConfig> channels = scheduler.tree().channels().stream().toList();
			return new RoundInputs(
					channels.stream().filter(ChannelConfig::sequential).map(ChannelConfig::name).toList(),
					channels.stream()
						.filter((channel) -> channel.rate() != null)
						.collect(Collectors.toMap(ChannelConfig::name, (channel) -> channel.rate().period())),
					channels.stream().filter((channel) -> channel.perKey() != null).map(ChannelConfig::name).toList());
		}

	}

}
