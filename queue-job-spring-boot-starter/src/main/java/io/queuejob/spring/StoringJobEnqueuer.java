package io.queuejob.spring;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import io.queuejob.core.IdentityKey;
import io.queuejob.core.JobOptions;
import io.queuejob.core.JobState;
import io.queuejob.core.StorageLimits;
import io.queuejob.core.channel.ChannelNames;
import io.queuejob.core.graph.GraphElement;
import io.queuejob.core.graph.JobGraph;
import io.queuejob.core.graph.JobNode;
import io.queuejob.spring.function.JobArgumentCodec;
import io.queuejob.spring.function.JobEnqueuer;
import io.queuejob.spring.function.JobExecution;
import io.queuejob.spring.function.JobFunction;
import io.queuejob.spring.runner.JobLifecycleObserver;
import io.queuejob.spring.store.EnqueueStore;
import io.queuejob.spring.store.JobStores;
import io.queuejob.spring.store.NewJob;
import io.queuejob.spring.store.WaitingJob;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores jobs, for {@code @QueueJob} calls and {@link Delayable#delay()}: in the caller's
 * transaction, a graph in one transaction, with one notification per committing
 * transaction of the runners, or under direct claims of the workers when the jobs are
 * ready. Internal; inject {@link JobQueue}.
 */
public final class StoringJobEnqueuer implements JobEnqueuer {

	private static final int MAX_INSERT_ATTEMPTS = 10;

	private static final int BATCH_SIZE = 5000;

	private final JobArgumentCodec codec;

	private final EnqueueStore store;

	private final Clock clock;

	private final Function<String, Object> beans;

	private final Consumer<String> wakeLocal;

	private final TransactionOperations transaction;

	private final boolean noDelay;

	private final CreatedByProvider createdBy;

	private final JobLifecycleObserver observer;

	private final AtomicReference<JobSink> sink = new AtomicReference<>();

	/**
	 * Create the enqueuer.
	 * @param codec the argument codec
	 * @param store the job store
	 * @param clock the clock
	 * @param beans looks beans up by name (for no-delay mode)
	 * @param wakeLocal after a commit, wakes what on this node listens to a notification
	 * channel: {@link JobStores#RUNNER_CHANNEL} its runner,
	 * {@link JobStores#WORKERS_CHANNEL} its workers
	 * @param transaction runs the storing of a graph in one transaction, joining the
	 * caller's if there is one
	 * @param noDelay whether calls run at once instead of being stored
	 * @param createdBy names who enqueues, stored as each job's "created by"
	 * @param observer told of the jobs stored
	 */
	public StoringJobEnqueuer(JobArgumentCodec codec, EnqueueStore store, Clock clock, Function<String, Object> beans,
			Consumer<String> wakeLocal, TransactionOperations transaction, boolean noDelay, CreatedByProvider createdBy,
			JobLifecycleObserver observer) {
		this.codec = codec;
		this.store = store;
		this.clock = clock;
		this.beans = beans;
		this.wakeLocal = wakeLocal;
		this.transaction = transaction;
		this.noDelay = noDelay;
		this.createdBy = createdBy;
		this.observer = observer;
	}

	@Override
	public void enqueue(JobFunction function, Object[] args) {
		new Delayable(this, function, args).delay();
	}

	@Override
	public boolean runsImmediately() {
		return this.noDelay && this.sink.get() == null;
	}

	@Override
	public void check(JobFunction function, Object[] args) {
		this.codec.write(function.method(), args);
	}

	/**
	 * Send every job enqueued from now on, from any thread, to a sink instead of storing
	 * or running it. Internal: used by {@link io.queuejob.spring.test.JobTrap}.
	 * @param sink the sink
	 * @throws IllegalStateException if jobs already go to another sink
	 */
	public void divertTo(JobSink sink) {
		if (!this.sink.compareAndSet(null, sink)) {
			throw new IllegalStateException("Jobs are already diverted: a JobTrap is open on this application");
		}
	}

	/**
	 * Store jobs again, if they go to the given sink.
	 * @param sink the sink given to {@link #divertTo(JobSink)}
	 */
	public void stopDiverting(JobSink sink) {
		this.sink.compareAndSet(sink, null);
	}

	/**
	 * Resolve a single job as it would be stored, without storing or running it.
	 * Internal: used by {@link io.queuejob.spring.test.JobTrap}.
	 * @param job the job
	 * @return the prepared job
	 */
	public PreparedJob prepare(Delayable job) {
		return new PreparedJob(newJob(job, JobState.PENDING, null), job.args(), List.of(),
				() -> runNow(job.function(), job.args(), job.toString()));
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * The instant a delay from now ends, for an ETA.
	 * @param delay the delay
	 * @return the instant
	 * @throws IllegalArgumentException if the instant is beyond what {@link Instant}
	 * holds (a later check refuses what PostgreSQL does not store)
	 */
	Instant etaAfter(Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		try {
			return now().plus(delay);
		}
		catch (DateTimeException | ArithmeticException ex) {
			throw new IllegalArgumentException("eta must be between " + StorageLimits.MIN_INSTANT + " and "
					+ StorageLimits.MAX_INSTANT + " (the range of PostgreSQL timestamps), got now plus " + delay, ex);
		}
	}

	JobRef delay(Delayable top) {
		return delayGraph(top).get(top);
	}

	Map<Delayable, JobRef> delayGraph(GraphElement top) {
		JobGraph graph = top.graph();
		List<Delayable> jobs = new ArrayList<>();
		for (JobNode node : graph.nodes()) {
			if (!(node instanceof Delayable job)) {
				throw new IllegalArgumentException(
						"Only jobs prepared with JobQueue.delayable(…) can be delayed, got " + node);
			}
			jobs.add(job);
		}
		// Every argument is checked before anything is stored or run (in no-delay mode
		// too, which would otherwise hide a call that cannot be stored), and the graph is
		// stored in one transaction: a failure leaves no job, and no parent can run and
		// finish before the edges to its children exist
		UUID graphUuid = graph.graphUuid();
		Map<Delayable, NewJob> rows = new LinkedHashMap<>();
		for (Delayable job : jobs) {
			JobState state = graph.parents(job).isEmpty() ? JobState.PENDING : JobState.WAIT_DEPENDENCIES;
			rows.put(job, newJob(job, state, graphUuid));
		}
		JobSink diverted = this.sink.get();
		if (diverted == null && this.noDelay) {
			jobs.forEach((job) -> runNow(job.function(), job.args(), job.toString()));
			return notStored(jobs);
		}
		if (diverted != null) {
			diverted.accept(prepared(graph, rows));
			return notStored(jobs);
		}
		if (graph.isSingle() && !TransactionSynchronizationManager.isActualTransactionActive()) {
			// A single job outside a transaction: its insert commits by itself, in one
			// round trip instead of three (begin and insert, commit)
			return store(graph, rows);
		}
		return this.transaction.execute((status) -> store(graph, rows));
	}

	private List<PreparedJob> prepared(JobGraph graph, Map<Delayable, NewJob> rows) {
		Map<JobNode, PreparedJob> prepared = new LinkedHashMap<>();
		rows.forEach((job, row) -> {
			List<PreparedJob> parents = graph.parents(job).stream().map(prepared::get).toList();
			prepared.put(job, new PreparedJob(row, job.args(), parents,
					() -> runNow(job.function(), job.args(), job.toString())));
		});
		return List.copyOf(prepared.values());
	}

	private static Map<Delayable, JobRef> notStored(List<Delayable> jobs) {
		Map<Delayable, JobRef> refs = new LinkedHashMap<>();
		jobs.forEach((job) -> refs.put(job, JobRef.NOT_STORED));
		return Collections.unmodifiableMap(refs);
	}

	private Map<Delayable, JobRef> store(JobGraph graph, Map<Delayable, NewJob> rows) {
		Map<JobNode, Long> ids = new HashMap<>();
		Map<Delayable, JobRef> refs = new LinkedHashMap<>();
		Set<String> notified = new LinkedHashSet<>();
		for (Map.Entry<Delayable, NewJob> entry : rows.entrySet()) {
			NewJob row = entry.getValue();
			StoredJob stored = storeJob(graph, entry.getKey(), row);
			ids.put(entry.getKey(), stored.id());
			refs.put(entry.getKey(), stored.ref());
			if (stored.ref().created()) {
				this.observer.enqueued(row.channel(), row.jobFunction(), 1);
				notified.add(this.store.channelToNotify(row.state(), row.eta()));
			}
		}
		for (JobGraph.Edge edge : graph.edges()) {
			this.store.insertDependency(ids.get(edge.parent()), ids.get(edge.child()));
		}
		// each insert notified its channel already
		notified.forEach((channel) -> notifyStored(channel, false));
		return Collections.unmodifiableMap(refs);
	}

	/**
	 * Insert a job, or re-use the waiting job that holds its identity key. That job can
	 * leave the waiting states between the insert that conflicts with it and the lookup
	 * (a worker starts it): the key is then free, and the insert is tried again.
	 */
	private StoredJob storeJob(JobGraph graph, JobNode node, NewJob row) {
		for (int attempt = 1;; attempt++) {
			Long id = this.store.insert(row);
			if (id != null) {
				return new StoredJob(id, new JobRef(row.uuid(), true));
			}
			WaitingJob existing = graph.isSingle() ? this.store.findWaitingByIdentityKey(row.identityKey()) : this.store
				.holdWaitingByIdentityKey(row.identityKey(), row.graphUuid(), !graph.parents(node).isEmpty());
			if (existing != null) {
				return new StoredJob(existing.id(), new JobRef(existing.uuid(), false));
			}
			if (attempt == MAX_INSERT_ATTEMPTS) {
				throw new IllegalStateException("Job " + node + " with identity key " + row.identityKey()
						+ " was neither stored nor found waiting after " + attempt + " attempts; try again");
			}
		}
	}

	int delayAll(DelayableBatch batch) {
		JobFunction function = batch.function();
		List<Object[]> calls = batch.args();
		if (calls.isEmpty()) {
			return 0;
		}
		JobOptions options = resolve(batch.options(), function);
		List<String> args = new ArrayList<>(calls.size());
		List<String> keys = (options.identityKey() != null) ? new ArrayList<>(calls.size()) : null;
		for (int i = 0; i < calls.size(); i++) {
			String json = writeItem(function, calls.get(i), i);
			args.add(json);
			if (keys != null) {
				keys.add(exactKey(function, json));
			}
		}
		JobSink diverted = this.sink.get();
		if (diverted == null && this.noDelay) {
			calls.forEach((call) -> runNow(function, call, function.name()));
			return calls.size();
		}
		if (diverted != null) {
			for (int i = 0; i < calls.size(); i++) {
				Object[] call = calls.get(i);
				NewJob row = row(function, options, args.get(i), (keys != null) ? keys.get(i) : null, JobState.PENDING,
						null);
				diverted.accept(
						List.of(new PreparedJob(row, call, List.of(), () -> runNow(function, call, function.name()))));
			}
			return 0;
		}
		NewJob template = row(function, options, null, null, JobState.PENDING, null);
		Integer stored = this.transaction.execute((status) -> insertAll(template, args, keys));
		return (stored != null) ? stored : 0;
	}

	private String writeItem(JobFunction function, Object[] args, int index) {
		try {
			return this.codec.write(function.method(), args);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Item " + index + " of the batch: " + ex.getMessage(), ex);
		}
	}

	private int insertAll(NewJob template, List<String> args, List<String> keys) {
		int stored = 0;
		for (int from = 0; from < args.size(); from += BATCH_SIZE) {
			int to = Math.min(from + BATCH_SIZE, args.size());
			stored += this.store.insertAll(template, args.subList(from, to),
					(keys != null) ? keys.subList(from, to) : null);
		}
		if (stored > 0) {
			this.observer.enqueued(template.channel(), template.jobFunction(), stored);
			notifyStored(this.store.channelToNotify(template.state(), template.eta()), true);
		}
		return stored;
	}

	private NewJob newJob(Delayable job, JobState state, UUID graphUuid) {
		JobFunction function = job.function();
		JobOptions options = resolve(job.options(), function);
		String args = this.codec.write(function.method(), job.args());
		String identityKey = null;
		IdentityKey key = options.identityKey();
		if (key != null) {
			identityKey = key.isExact() ? exactKey(function, args) : key.value();
		}
		return row(function, options, args, identityKey, state, graphUuid);
	}

	private String exactKey(JobFunction function, String argumentsJson) {
		return IdentityKey.exactHash(function.name(), this.codec.canonical(argumentsJson));
	}

	private static JobOptions resolve(JobOptions options, JobFunction function) {
		return options.orElse(function.defaults()).orElse(JobOptions.DEFAULTS);
	}

	private NewJob row(JobFunction function, JobOptions options, String args, String identityKey, JobState state,
			UUID graphUuid) {
		String description = (options.description() != null) ? options.description() : function.defaultDescription();
		return new NewJob(UUID.randomUUID(), graphUuid, state, ChannelNames.normalize(options.channel()),
				options.priority(), options.eta(), options.maxRetries(), function.name(), args, description,
				identityKey, createdBy());
	}

	private String createdBy() {
		String name = this.createdBy.createdBy();
		return (name != null && name.length() > StorageLimits.MAX_NAME_LENGTH)
				? name.substring(0, StorageLimits.MAX_NAME_LENGTH) : name;
	}

	private void runNow(JobFunction function, Object[] args, String label) {
		Object bean = this.beans.apply(function.beanName());
		try {
			JobExecution.invoke(function.method(), bean, args);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Job " + label + " failed", ex);
		}
	}

	/**
	 * Wake what listens to a notification channel on this node when the transaction
	 * commits and, unless the statements did, notify it on every node, once per
	 * transaction.
	 */
	private void notifyStored(String channel, boolean notifyDatabase) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			if (notifyDatabase) {
				this.store.notify(channel);
			}
			this.wakeLocal.accept(channel);
			return;
		}
		NotifyOnCommit registered = TransactionSynchronizationManager.getSynchronizations()
			.stream()
			.filter(NotifyOnCommit.class::isInstance)
			.map(NotifyOnCommit.class::cast)
			.findFirst()
			.orElse(null);
		if (registered == null) {
			registered = new NotifyOnCommit();
			TransactionSynchronizationManager.registerSynchronization(registered);
		}
		registered.channels.add(channel);
		if (notifyDatabase) {
			registered.databaseChannels.add(channel);
		}
	}

	private record StoredJob(long id, JobRef ref) {
	}

	/**
	 * Notifies each channel once when the enqueuing transaction commits.
	 */
	private final class NotifyOnCommit implements TransactionSynchronization {

		private final Set<String> channels = new LinkedHashSet<>(2);

		private final Set<String> databaseChannels = new LinkedHashSet<>(2);

		@Override
		public void beforeCommit(boolean readOnly) {
			this.databaseChannels.forEach(StoringJobEnqueuer.this.store::notify);
		}

		@Override
		public void afterCommit() {
			this.channels.forEach(StoringJobEnqueuer.this.wakeLocal);
		}

	}

}
