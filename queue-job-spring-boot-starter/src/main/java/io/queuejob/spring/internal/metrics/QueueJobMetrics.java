package io.queuejob.spring.internal.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.queuejob.core.JobState;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.DeadJob;
import io.queuejob.spring.internal.store.JdbcJobStatistics;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Micrometer meters of queue-job on this node. Counters and the execution timer are
 * tagged by {@code channel} and {@code function}; the backlog gauges by {@code channel},
 * read from the database at most once per refresh interval. Internal: created by the
 * auto-configuration.
 */
public final class QueueJobMetrics implements JobLifecycleObserver {

	static final String ENQUEUED = "queue.job.enqueued";

	static final String STARTED = "queue.job.started";

	static final String DONE = "queue.job.done";

	static final String FAILED = "queue.job.failed";

	static final String RETRIED = "queue.job.retried";

	static final String RESCUED = "queue.job.rescued";

	static final String EXECUTION = "queue.job.execution";

	static final String PENDING = "queue.job.pending";

	static final String OLDEST_PENDING_AGE = "queue.job.oldest.pending.age";

	static final String RUNNER_ROUNDS = "queue.job.runner.rounds";

	private final MeterRegistry registry;

	private final PendingJobs pending;

	private final Counter rounds;

	private final Map<String, Map<String, FunctionMeters>> functions = new ConcurrentHashMap<>();

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	/**
	 * Create the meters.
	 * @param registry where they are registered
	 * @param statistics reads the backlog
	 * @param depthRefresh the shortest time between two reads of the backlog
	 * @param depthLimit the most pending jobs counted per channel
	 * @param knownChannels the channels whose gauges exist from the start (others are
	 * added when they first hold pending jobs)
	 */
	public QueueJobMetrics(MeterRegistry registry, JdbcJobStatistics statistics, Duration depthRefresh, int depthLimit,
			Collection<String> knownChannels) {
		this.registry = registry;
		this.pending = new PendingJobs(statistics, depthRefresh, depthLimit, System::nanoTime, this::registerGauges);
		this.rounds = Counter.builder(RUNNER_ROUNDS)
			.description("Rounds of the runner on this node: each plans which pending jobs run")
			.baseUnit("rounds")
			.register(registry);
		knownChannels.forEach(this::registerGauges);
	}

	private void registerGauges(String channel) {
		if (!this.channels.add(channel)) {
			return;
		}
		Gauge.builder(PENDING, this.pending, (jobs) -> jobs.depth(channel))
			.description("Jobs pending in the channel (counted up to queue-job.metrics.depth-limit)")
			.baseUnit("jobs")
			.tag("channel", channel)
			.strongReference(true)
			.register(this.registry);
		TimeGauge.builder(OLDEST_PENDING_AGE, this.pending, TimeUnit.SECONDS, (jobs) -> jobs.oldestAgeSeconds(channel))
			.description("How long the oldest due pending job of the channel has waited since it was created")
			.tag("channel", channel)
			.strongReference(true)
			.register(this.registry);
	}

	@Override
	public void enqueued(String channel, String jobFunction, int count) {
		Counter counter = meters(channel, jobFunction).enqueued;
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					counter.increment(count);
				}

			});
		}
		else {
			counter.increment(count);
		}
	}

	@Override
	public void started(ClaimedJob job) {
		meters(job.channel(), job.jobFunction()).started.increment();
	}

	@Override
	public void done(ClaimedJob job, Duration executionTime) {
		FunctionMeters meters = meters(job.channel(), job.jobFunction());
		meters.done.increment();
		meters.executedDone.record(executionTime);
	}

	@Override
	public void retried(ClaimedJob job, Instant eta, int retry, String excName, String excMessage,
			Duration executionTime) {
		FunctionMeters meters = meters(job.channel(), job.jobFunction());
		meters.retried.increment();
		meters.executedRetried.record(executionTime);
	}

	@Override
	public void superseded(ClaimedJob job, Duration executionTime) {
		meters(job.channel(), job.jobFunction()).executedSuperseded.record(executionTime);
	}

	@Override
	public void failed(ClaimedJob job, String excName, String excMessage, Duration executionTime) {
		FunctionMeters meters = meters(job.channel(), job.jobFunction());
		meters.failed.increment();
		meters.executedFailed.record(executionTime);
	}

	@Override
	public void rescued(DeadJob job, JobState state) {
		FunctionMeters meters = meters(job.channel(), job.jobFunction());
		meters.rescued
			.computeIfAbsent(state, (to) -> Counter.builder(RESCUED)
				.description("Jobs whose node died, rescued by the runner of this node, by the state they went to")
				.baseUnit("jobs")
				.tags("channel", job.channel(), "function", job.jobFunction(), "state", to.dbValue())
				.register(this.registry))
			.increment();
		if (state == JobState.FAILED) {
			meters.failed.increment();
		}
	}

	@Override
	public void round(int enqueued) {
		this.rounds.increment();
	}

	private FunctionMeters meters(String channel, String jobFunction) {
		return this.functions.computeIfAbsent(channel, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(jobFunction, (key) -> new FunctionMeters(this.registry, channel, jobFunction));
	}

	/**
	 * The meters of one job function in one channel, looked up once.
	 */
	private static final class FunctionMeters {

		final Counter enqueued;

		final Counter started;

		final Counter done;

		final Counter failed;

		final Counter retried;

		final Timer executedDone;

		final Timer executedFailed;

		final Timer executedRetried;

		final Timer executedSuperseded;

		final Map<JobState, Counter> rescued = new ConcurrentHashMap<>();

		FunctionMeters(MeterRegistry registry, String channel, String function) {
			Tags key = Tags.of("channel", channel, "function", function);
			this.enqueued = counter(registry, key, ENQUEUED, "Jobs stored by this node (counted when committed)");
			this.started = counter(registry, key, STARTED, "Jobs started by the workers of this node");
			this.done = counter(registry, key, DONE, "Jobs run to done by the workers of this node");
			this.failed = counter(registry, key, FAILED, "Jobs that ended failed on this node");
			this.retried = counter(registry, key, RETRIED,
					"Tries that failed on this node and put their job back to pending for a later try");
			this.executedDone = timer(registry, key, "done");
			this.executedFailed = timer(registry, key, "failed");
			this.executedRetried = timer(registry, key, "retried");
			this.executedSuperseded = timer(registry, key, "superseded");
		}

		private static Counter counter(MeterRegistry registry, Tags key, String name, String description) {
			return Counter.builder(name).description(description).baseUnit("jobs").tags(key).register(registry);
		}

		private static Timer timer(MeterRegistry registry, Tags key, String outcome) {
			return Timer.builder(EXECUTION)
				.description("How long a try of a job took on this node, its outcome written, by outcome")
				.tags(key.and("outcome", outcome))
				.register(registry);
		}

	}

}
