package io.queuejob.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.queuejob.core.IdentityKey;
import io.queuejob.core.JobOptions;
import io.queuejob.core.JobState;
import io.queuejob.core.channel.ChannelNames;
import io.queuejob.core.graph.JobGraph;
import io.queuejob.core.graph.JobNode;
import io.queuejob.spring.function.JobArgumentCodec;
import io.queuejob.spring.function.JobEnqueuer;
import io.queuejob.spring.function.JobExecution;
import io.queuejob.spring.function.JobFunction;
import io.queuejob.spring.store.JdbcJobStore;
import io.queuejob.spring.store.NewJob;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores jobs, for {@code @QueueJob} calls and {@link Delayable#delay()}: in the caller's
 * transaction, a graph in one transaction, with one notification of the runner per
 * committing transaction. Internal; inject {@link JobQueue}.
 */
public final class StoringJobEnqueuer implements JobEnqueuer {

	private final JobArgumentCodec codec;

	private final JdbcJobStore store;

	private final Clock clock;

	private final Function<String, Object> beans;

	private final Runnable wakeLocalRunner;

	private final TransactionOperations transaction;

	private final boolean noDelay;

	private final AtomicReference<JobSink> sink = new AtomicReference<>();

	/**
	 * Create the enqueuer.
	 * @param codec the argument codec
	 * @param store the job store
	 * @param clock the clock
	 * @param beans looks beans up by name (for no-delay mode)
	 * @param wakeLocalRunner wakes this node's runner after a commit, if it has one
	 * @param transaction runs the storing of a graph in one transaction, joining the
	 * caller's if there is one
	 * @param noDelay whether calls run at once instead of being stored
	 */
	public StoringJobEnqueuer(JobArgumentCodec codec, JdbcJobStore store, Clock clock, Function<String, Object> beans,
			Runnable wakeLocalRunner, TransactionOperations transaction, boolean noDelay) {
		this.codec = codec;
		this.store = store;
		this.clock = clock;
		this.beans = beans;
		this.wakeLocalRunner = wakeLocalRunner;
		this.transaction = transaction;
		this.noDelay = noDelay;
	}

	@Override
	public void enqueue(JobFunction function, Object[] args) {
		new Delayable(this, function, args).delay();
	}

	@Override
	public boolean runsImmediately() {
		return this.noDelay && this.sink.get() == null;
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
		return new PreparedJob(newJob(job, JobState.PENDING, null), job.args(), List.of(), () -> runNow(job));
	}

	Instant now() {
		return this.clock.instant();
	}

	JobRef delay(Delayable top) {
		JobGraph graph = top.graph();
		JobSink diverted = this.sink.get();
		if (diverted != null) {
			diverted.accept(prepare(graph));
			return JobRef.NOT_STORED;
		}
		if (this.noDelay) {
			graph.nodes().forEach((node) -> runNow((Delayable) node));
			return JobRef.NOT_STORED;
		}
		// Every argument is written before anything is stored, and the whole graph is
		// stored in one transaction: a failure leaves no job, and no parent can run and
		// finish before the edges to its children exist
		UUID graphUuid = graph.graphUuid();
		Map<JobNode, NewJob> rows = new LinkedHashMap<>();
		for (JobNode node : graph.nodes()) {
			JobState state = graph.parents(node).isEmpty() ? JobState.PENDING : JobState.WAIT_DEPENDENCIES;
			rows.put(node, newJob((Delayable) node, state, graphUuid));
		}
		return this.transaction.execute((status) -> store(graph, top, rows));
	}

	private List<PreparedJob> prepare(JobGraph graph) {
		UUID graphUuid = graph.graphUuid();
		Map<JobNode, PreparedJob> prepared = new LinkedHashMap<>();
		for (JobNode node : graph.nodes()) {
			Delayable job = (Delayable) node;
			List<PreparedJob> parents = graph.parents(node).stream().map(prepared::get).toList();
			JobState state = parents.isEmpty() ? JobState.PENDING : JobState.WAIT_DEPENDENCIES;
			prepared.put(node, new PreparedJob(newJob(job, state, graphUuid), job.args(), parents, () -> runNow(job)));
		}
		return List.copyOf(prepared.values());
	}

	private JobRef store(JobGraph graph, Delayable top, Map<JobNode, NewJob> rows) {
		Map<JobNode, Long> ids = new HashMap<>();
		JobRef topRef = null;
		for (Map.Entry<JobNode, NewJob> entry : rows.entrySet()) {
			JobNode node = entry.getKey();
			NewJob row = entry.getValue();
			Long id = this.store.insert(row);
			JobRef ref = new JobRef(row.uuid(), id != null);
			if (id == null) {
				JdbcJobStore.WaitingJob existing = this.store.findWaitingByIdentityKey(row.identityKey());
				if (existing == null) {
					throw new IllegalStateException("Job " + node + " with identity key " + row.identityKey()
							+ " was neither stored nor found waiting; try again");
				}
				id = existing.id();
				ref = new JobRef(existing.uuid(), false);
			}
			ids.put(node, id);
			if (node == top) {
				topRef = ref;
			}
		}
		for (JobGraph.Edge edge : graph.edges()) {
			this.store.insertDependency(ids.get(edge.parent()), ids.get(edge.child()));
		}
		notifyRunner();
		return topRef;
	}

	private NewJob newJob(Delayable job, JobState state, UUID graphUuid) {
		JobFunction function = job.function();
		JobOptions options = job.options().orElse(function.defaults()).orElse(JobOptions.DEFAULTS);
		String args = this.codec.write(function.method(), job.args());
		String identityKey = null;
		IdentityKey key = options.identityKey();
		if (key != null) {
			identityKey = key.isExact() ? IdentityKey.exactHash(function.name(), args) : key.value();
		}
		String description = (options.description() != null) ? options.description() : function.defaultDescription();
		return new NewJob(UUID.randomUUID(), graphUuid, state, ChannelNames.normalize(options.channel()),
				options.priority(), options.eta(), options.maxRetries(), function.name(), args, description,
				identityKey, null);
	}

	private void runNow(Delayable job) {
		Method method = job.function().method();
		Object bean = this.beans.apply(job.function().beanName());
		try {
			JobExecution.run(method, () -> method.invoke(bean, job.args()));
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("Job " + job + " failed", ex.getCause());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Job " + job + " could not run", ex);
		}
	}

	private void notifyRunner() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.store.notify(JdbcJobStore.RUNNER_CHANNEL);
			this.wakeLocalRunner.run();
			return;
		}
		boolean registered = TransactionSynchronizationManager.getSynchronizations()
			.stream()
			.anyMatch(NotifyOnCommit.class::isInstance);
		if (!registered) {
			TransactionSynchronizationManager.registerSynchronization(new NotifyOnCommit());
		}
	}

	/**
	 * Notifies the runner once when the enqueuing transaction commits.
	 */
	private final class NotifyOnCommit implements TransactionSynchronization {

		@Override
		public void beforeCommit(boolean readOnly) {
			StoringJobEnqueuer.this.store.notify(JdbcJobStore.RUNNER_CHANNEL);
		}

		@Override
		public void afterCommit() {
			StoringJobEnqueuer.this.wakeLocalRunner.run();
		}

	}

}
