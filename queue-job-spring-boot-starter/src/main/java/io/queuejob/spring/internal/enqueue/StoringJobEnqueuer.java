package io.queuejob.spring.internal.enqueue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import io.queuejob.core.JobOptions;
import io.queuejob.core.JobState;
import io.queuejob.core.graph.GraphElement;
import io.queuejob.core.graph.JobGraph;
import io.queuejob.core.graph.JobNode;
import io.queuejob.spring.CreatedByProvider;
import io.queuejob.spring.Delayable;
import io.queuejob.spring.DelayableBatch;
import io.queuejob.spring.JobRef;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobEnqueuer;
import io.queuejob.spring.internal.function.JobExecution;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.store.EnqueueStore;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.NewJob;
import io.queuejob.spring.internal.store.WaitingJob;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores jobs, for {@code @QueueJob} calls and {@link Delayable#delay()}: in the caller's
 * transaction, a graph in one transaction, with one notification per committing
 * transaction of the runners, or under direct claims of the workers when the jobs are
 * ready. In no-delay mode it runs them at once instead; while a
 * {@link io.queuejob.spring.test.JobTrap} is open it hands them to the trap.
 */
public final class StoringJobEnqueuer implements JobEnqueuer {

	private static final int MAX_INSERT_ATTEMPTS = 10;

	private static final int BATCH_SIZE = 5000;

	private final JobFunctionRegistry functions;

	private final NewJobs rows;

	private final EnqueueStore store;

	private final Clock clock;

	private final Function<String, Object> beans;

	private final Consumer<String> wakeLocal;

	private final TransactionOperations transaction;

	private final boolean noDelay;

	private final JobLifecycleObserver observer;

	private final AtomicReference<JobSink> sink = new AtomicReference<>();

	private NotificationWindow window;

	/**
	 * Create the enqueuer.
	 * @param functions the job functions, found by the names of prepared jobs
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
	public StoringJobEnqueuer(JobFunctionRegistry functions, JobArgumentCodec codec, EnqueueStore store, Clock clock,
			Function<String, Object> beans, Consumer<String> wakeLocal, TransactionOperations transaction,
			boolean noDelay, CreatedByProvider createdBy, JobLifecycleObserver observer) {
		this.functions = functions;
		this.rows = new NewJobs(codec, createdBy);
		this.store = store;
		this.clock = clock;
		this.beans = beans;
		this.wakeLocal = wakeLocal;
		this.transaction = transaction;
		this.noDelay = noDelay;
		this.observer = observer;
		this.window = NotificationWindow.none(store::notify);
	}

	/**
	 * Set what spaces out the notifications of stored jobs; by default every storing
	 * transaction notifies.
	 * @param window the notification window
	 */
	public void setNotificationWindow(NotificationWindow window) {
		this.window = window;
	}

	/**
	 * Set what observes each job as it is built and gives the trace context stored with
	 * it.
	 * @param tracing the enqueue tracing
	 */
	public void setTracing(EnqueueTracing tracing) {
		this.rows.setTracing(tracing);
	}

	@Override
	public void enqueue(JobFunction function, Object[] args) {
		JobNode node = new JobNode();
		store(node.graph(), Map.of(node, new JobCall(function, args.clone(), JobOptions.NONE)));
	}

	@Override
	public boolean runsImmediately() {
		return this.noDelay && this.sink.get() == null;
	}

	@Override
	public void check(JobFunction function, Object[] args) {
		this.rows.check(function, args);
	}

	/**
	 * The clock that ETAs given as delays count from.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * Send every job enqueued from now on, from any thread, to a sink instead of storing
	 * or running it. Used by {@link io.queuejob.spring.test.JobTrap}.
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
	 * Resolve a single job as it would be stored, without storing or running it. Used by
	 * {@link io.queuejob.spring.test.JobTrap}.
	 * @param job the job
	 * @return the prepared job
	 */
	public PreparedJob prepare(Delayable job) {
		JobCall call = call(job);
		return new PreparedJob(this.rows.row(call, JobState.PENDING, null), call.args(), List.of(),
				() -> runNow(call.function(), call.args(), job.toString()));
	}

	/**
	 * Store a graph of jobs prepared by a {@link DefaultJobQueue}.
	 * @param top the graph's top-most element
	 * @return a reference per job, parents before children
	 */
	Map<Delayable, JobRef> delayGraph(GraphElement top) {
		JobGraph graph = top.graph();
		Map<JobNode, JobCall> calls = new LinkedHashMap<>();
		for (JobNode node : graph.nodes()) {
			if (!(node instanceof Delayable job)) {
				throw new IllegalArgumentException(
						"Only jobs prepared with JobQueue.delayable(…) can be delayed, got " + node);
			}
			calls.put(job, call(job));
		}
		Map<JobNode, JobRef> refs = store(graph, calls);
		Map<Delayable, JobRef> delayed = new LinkedHashMap<>();
		refs.forEach((node, ref) -> delayed.put((Delayable) node, ref));
		return Collections.unmodifiableMap(delayed);
	}

	private JobCall call(Delayable job) {
		return new JobCall(function(job.function()), job.arguments(), job.options(), job.partitionKey());
	}

	private JobFunction function(String name) {
		JobFunction function = this.functions.find(name);
		if (function == null) {
			throw new IllegalArgumentException("No job function " + name + " in this application");
		}
		return function;
	}

	private Map<JobNode, JobRef> store(JobGraph graph, Map<JobNode, JobCall> calls) {
		// Every argument is checked before anything is stored or run (in no-delay mode
		// too, which would otherwise hide a call that cannot be stored), and the graph is
		// stored in one transaction: a failure leaves no job, and no parent can run and
		// finish before the edges to its children exist
		UUID graphUuid = graph.graphUuid();
		Map<JobNode, NewJob> rows = new LinkedHashMap<>();
		calls.forEach((node, call) -> {
			JobState state = graph.parents(node).isEmpty() ? JobState.PENDING : JobState.WAIT_DEPENDENCIES;
			rows.put(node, this.rows.row(call, state, graphUuid));
		});
		JobSink diverted = this.sink.get();
		if (diverted == null && this.noDelay) {
			calls.values().forEach((call) -> runNow(call.function(), call.args(), call.toString()));
			return notStored(calls.keySet());
		}
		if (diverted != null) {
			diverted.accept(prepared(graph, calls, rows));
			return notStored(calls.keySet());
		}
		if (graph.isSingle() && !TransactionSynchronizationManager.isActualTransactionActive()) {
			// A single job outside a transaction: its insert commits by itself, in one
			// round trip instead of three (begin and insert, commit)
			return insert(graph, rows);
		}
		return this.transaction.execute((status) -> insert(graph, rows));
	}

	private List<PreparedJob> prepared(JobGraph graph, Map<JobNode, JobCall> calls, Map<JobNode, NewJob> rows) {
		Map<JobNode, PreparedJob> prepared = new LinkedHashMap<>();
		rows.forEach((node, row) -> {
			JobCall call = calls.get(node);
			List<PreparedJob> parents = graph.parents(node).stream().map(prepared::get).toList();
			prepared.put(node, new PreparedJob(row, call.args(), parents,
					() -> runNow(call.function(), call.args(), call.toString())));
		});
		return List.copyOf(prepared.values());
	}

	private static Map<JobNode, JobRef> notStored(Set<JobNode> nodes) {
		Map<JobNode, JobRef> refs = new LinkedHashMap<>();
		nodes.forEach((node) -> refs.put(node, JobRef.NOT_STORED));
		return refs;
	}

	private Map<JobNode, JobRef> insert(JobGraph graph, Map<JobNode, NewJob> rows) {
		Map<JobNode, Long> ids = new HashMap<>();
		Map<JobNode, JobRef> refs = new LinkedHashMap<>();
		// the notification channels of the created jobs, and whether an insert notified
		Map<String, Boolean> notified = new LinkedHashMap<>();
		for (Map.Entry<JobNode, NewJob> entry : rows.entrySet()) {
			NewJob row = entry.getValue();
			String channel = this.store.channelToNotify(row.state(), row.eta());
			boolean notify = !notified.getOrDefault(channel, false) && this.window.claim(channel);
			StoredJob stored = insertJob(graph, entry.getKey(), row, notify);
			ids.put(entry.getKey(), stored.id());
			refs.put(entry.getKey(), stored.ref());
			if (stored.ref().created()) {
				this.observer.enqueued(row.channel(), row.jobFunction(), 1);
				notified.merge(channel, notify, Boolean::logicalOr);
			}
		}
		for (JobGraph.Edge edge : graph.edges()) {
			this.store.insertDependency(ids.get(edge.parent()), ids.get(edge.child()));
		}
		notified.forEach((channel, byInsert) -> NotifyOnCommit.notifyStored(this.store, this.window, this.wakeLocal,
				channel, byInsert));
		return refs;
	}

	/**
	 * Insert a job, or re-use the waiting job that holds its identity key. That job can
	 * leave the waiting states between the insert that conflicts with it and the lookup
	 * (a worker starts it): the key is then free, and the insert is tried again.
	 */
	private StoredJob insertJob(JobGraph graph, JobNode node, NewJob row, boolean notify) {
		for (int attempt = 1;; attempt++) {
			Long id = this.store.insert(row, notify);
			if (id != null) {
				return new StoredJob(id, new JobRef(row.uuid(), true));
			}
			WaitingJob existing = graph.isSingle() ? this.store.findWaitingByIdentityKey(row.identityKey()) : this.store
				.holdWaitingByIdentityKey(row.identityKey(), row.graphUuid(), !graph.parents(node).isEmpty());
			if (existing != null) {
				return new StoredJob(existing.id(), new JobRef(existing.uuid(), false));
			}
			if (attempt == MAX_INSERT_ATTEMPTS) {
				throw new IllegalStateException("Job " + row.jobFunction() + " with identity key " + row.identityKey()
						+ " was neither stored nor found waiting after " + attempt + " attempts; try again");
			}
		}
	}

	/**
	 * Store a batch prepared by a {@link DefaultJobQueue}.
	 * @param batch the batch
	 * @return how many jobs were created
	 */
	int delayAll(DelayableBatch batch) {
		List<Object[]> calls = batch.arguments();
		if (calls.isEmpty()) {
			return 0;
		}
		JobFunction function = function(batch.function());
		JobOptions options = NewJobs.resolve(batch.options(), function);
		List<String> args = new ArrayList<>(calls.size());
		List<String> keys = (options.identityKey() != null) ? new ArrayList<>(calls.size()) : null;
		List<String> partitionKeys = partitionKeys(batch, function);
		for (int i = 0; i < calls.size(); i++) {
			String json = this.rows.writeItem(function, calls.get(i), i);
			args.add(json);
			if (keys != null) {
				keys.add(this.rows.exactKey(function, json));
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
				NewJob row = this.rows.row(function, options, args.get(i), (keys != null) ? keys.get(i) : null,
						JobState.PENDING, null, (partitionKeys != null) ? partitionKeys.get(i) : null);
				diverted.accept(
						List.of(new PreparedJob(row, call, List.of(), () -> runNow(function, call, function.name()))));
			}
			return 0;
		}
		NewJob template = this.rows.template(function, options, calls.size());
		Integer stored = this.transaction.execute((status) -> insertAll(template, args, keys, partitionKeys));
		return (stored != null) ? stored : 0;
	}

	/**
	 * The partition key of each item: the batch's own, else what the function's
	 * expression gives for the item.
	 * @return the keys, or {@code null} when the jobs have none
	 * @throws IllegalArgumentException naming the item when the expression fails for it
	 */
	private static List<String> partitionKeys(DelayableBatch batch, JobFunction function) {
		List<Object[]> calls = batch.arguments();
		if (batch.partitionKey() != null) {
			return Collections.nCopies(calls.size(), batch.partitionKey());
		}
		if (function.partitionKey() == null) {
			return null;
		}
		List<String> keys = new ArrayList<>(calls.size());
		for (int i = 0; i < calls.size(); i++) {
			try {
				keys.add(NewJobs.partitionKey(function, calls.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Item " + i + " of the batch: " + ex.getMessage(), ex);
			}
		}
		return keys;
	}

	private int insertAll(NewJob template, List<String> args, List<String> keys, List<String> partitionKeys) {
		int stored = 0;
		for (int from = 0; from < args.size(); from += BATCH_SIZE) {
			int to = Math.min(from + BATCH_SIZE, args.size());
			stored += this.store.insertAll(template, args.subList(from, to),
					(keys != null) ? keys.subList(from, to) : null,
					(partitionKeys != null) ? partitionKeys.subList(from, to) : null);
		}
		if (stored > 0) {
			this.observer.enqueued(template.channel(), template.jobFunction(), stored);
			NotifyOnCommit.notifyStored(this.store, this.window, this.wakeLocal,
					this.store.channelToNotify(template.state(), template.eta()), false);
		}
		return stored;
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

	private record StoredJob(long id, JobRef ref) {
	}

}
