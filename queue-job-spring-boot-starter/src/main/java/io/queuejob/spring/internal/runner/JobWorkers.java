package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.queuejob.core.JobOutcome;
import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.WorkerStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The workers of this node: a dispatcher claims {@code enqueued} jobs, and under
 * {@linkplain WorkerStore#claimsReadyJobs() direct claims} ready {@code pending} ones
 * (with {@code SKIP LOCKED}, so nodes share the work), up to the number of free threads,
 * and a bounded pool runs them.
 * <p>
 * While the jobs are short, it also claims up to {@code claimAhead} jobs more, which wait
 * for a thread, when a backlog waits (see {@link ClaimAhead}). A stopping node hands back
 * the jobs that did not start yet at once.
 */
public final class JobWorkers extends NodeLoop {

	/** The lifecycle phase: started last, stopped first. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1000;

	private static final Log logger = LogFactory.getLog(JobWorkers.class);

	private final WorkerStore store;

	private final JobExecutor executor;

	private final int threads;

	private final Duration pollInterval;

	private final Duration shutdownGrace;

	private final String worker;

	private final BooleanSupplier alive;

	private final Supplier<JobRunner> localRunner;

	private final ClaimAhead claims;

	private final HandBack handBack;

	private final AtomicBoolean finishedSinceNotice = new AtomicBoolean();

	private final WakeSignal signal = new WakeSignal();

	private final AtomicInteger busy = new AtomicInteger();

	private final Set<ClaimedJob> inProgress = ConcurrentHashMap.newKeySet();

	private final Set<ClaimedJob> abandoned = ConcurrentHashMap.newKeySet();

	private boolean claimMayBeLost;

	private ThreadPoolExecutor pool;

	private Thread dispatcher;

	/**
	 * Create the workers.
	 * @param store the job store
	 * @param executor runs one job
	 * @param scheduler the channels, which limit the jobs claimed ahead
	 * @param settings the threads, intervals and name of the workers
	 * @param alive whether this node may claim jobs now: it holds its liveness lock, so
	 * that the jobs it starts are not taken for dead
	 * @param localRunner this node's runner, or {@code null}: a job that finished wakes
	 * it; while it is the elected one, the runners are not notified through the database;
	 * it stops planning before jobs are handed back on shutdown
	 */
	public JobWorkers(WorkerStore store, JobExecutor executor, ChannelScheduler scheduler, Settings settings,
			BooleanSupplier alive, Supplier<JobRunner> localRunner) {
		super(PHASE);
		this.store = store;
		this.executor = executor;
		this.threads = settings.threads();
		this.pollInterval = settings.pollInterval();
		this.shutdownGrace = settings.shutdownGrace();
		this.worker = settings.worker();
		this.alive = alive;
		this.localRunner = localRunner;
		this.claims = ClaimAhead.of(store, this.threads, settings.claimAhead(), scheduler);
		this.handBack = new HandBack(store, this.worker, localRunner);
		executor.runningJobs().onAbandoned((running) -> abandon(running.job()));
	}

	/**
	 * Look for enqueued jobs as soon as possible.
	 */
	public void wake() {
		this.signal.signal();
	}

	/**
	 * The tries running on this node's threads.
	 * @return the running tries
	 */
	public RunningJobs runningJobs() {
		return this.executor.runningJobs();
	}

	/**
	 * This node's identity.
	 * @return the worker name stored on the jobs this node runs
	 */
	public String worker() {
		return this.worker;
	}

	/**
	 * How many jobs this node runs at once.
	 * @return the number of worker threads
	 */
	public int threads() {
		return this.threads;
	}

	/**
	 * How many jobs this node claims beyond its free threads while its jobs are short and
	 * a backlog waits.
	 * @return the jobs claimed ahead at most; 0 when it never claims ahead
	 */
	public int claimAhead() {
		return this.claims.ahead();
	}

	/**
	 * How many jobs this node runs now.
	 * @return the number of busy worker threads
	 */
	public int busyThreads() {
		return this.busy.get();
	}

	@Override
	public void start() {
		if (this.store.claimsReadyJobs()) {
			logger.info("queue-job workers claim ready jobs straight from pending: no channel limits its jobs"
					+ " (queue-job.worker.direct-claims); every node must have the same channel configuration");
		}
		this.running = true;
		CustomizableThreadFactory factory = new CustomizableThreadFactory("queue-job-worker-");
		factory.setDaemon(true);
		this.pool = new ThreadPoolExecutor(this.threads, this.threads, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), factory);
		this.dispatcher = DaemonThreads.start("queue-job-dispatcher", this::dispatch);
	}

	@Override
	public void stop() {
		this.running = false;
		this.signal.signal();
		DaemonThreads.stop(this.dispatcher, false, this.pollInterval.plusSeconds(1));
		if (this.pool != null) {
			handBackNotStarted();
			this.pool.shutdown();
			try {
				if (!this.pool.awaitTermination(this.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
					handBackStillRunning();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				handBackStillRunning();
			}
		}
	}

	private void dispatch() {
		while (this.running) {
			boolean mayHaveMore = false;
			try {
				int held = this.inProgress.size();
				int free = this.claims.capacity() - held;
				if (this.handBack.takeUnsettled() || this.claimMayBeLost) {
					this.claimMayBeLost = true;
					this.handBack.unknownClaims(this.inProgress.stream().map(ClaimedJob::id).toList());
					this.claimMayBeLost = false;
				}
				if (free > 0 && this.alive.getAsBoolean()) {
					this.claimMayBeLost = true;
					List<ClaimedJob> claimed = this.claims.claim(held, free, this.worker);
					this.claimMayBeLost = false;
					if (!claimed.isEmpty() && !this.alive.getAsBoolean()) {
						// the node lost its session while it claimed: the other nodes
						// may rescue these jobs once their grace ends, so none starts
						this.handBack.fenced(claimed);
						claimed = List.of();
					}
					claimed.forEach(this::submit);
					mayHaveMore = claimed.size() == free;
				}
			}
			catch (RuntimeException ex) {
				logger.warn("queue-job workers could not claim jobs; retrying in " + this.pollInterval, ex);
			}
			noticeRunners();
			if (!mayHaveMore) {
				try {
					this.signal.await(this.pollInterval);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			else {
				this.claims.awaitFreeThreads(this.signal, this.inProgress::size, () -> this.running, this.pollInterval);
			}
		}
	}

	/**
	 * Tell the runner of another node, once for all the jobs that finished since the last
	 * time, that they freed their channels. This is a statement of its own after the
	 * jobs' commits rather than a notification in each job's transaction: PostgreSQL
	 * serializes the commits of notifying transactions, which would serialize the jobs'
	 * commits. Under direct claims no channel has a limit to free, and a retry or a
	 * release of waiting children notifies the runners itself.
	 */
	private void noticeRunners() {
		JobRunner runner = this.localRunner.get();
		if (this.finishedSinceNotice.getAndSet(false) && !this.store.claimsReadyJobs()
				&& (runner == null || !runner.leads())) {
			try {
				this.store.notify(JobStores.RUNNER_CHANNEL);
			}
			catch (RuntimeException ex) {
				logger.debug("queue-job workers could not notify the runner; it polls", ex);
			}
		}
	}

	/**
	 * Mark a job failed when running it broke in an unexpected way, so that it does not
	 * stay started by a live node.
	 */
	private void failUnexpectedly(ClaimedJob job, RuntimeException error) {
		JobOutcome.Failed failed = JobOutcome.failed(error);
		try {
			this.executor.fail(job, failed.excName(), failed.excMessage(), failed.excInfo(), null, Duration.ZERO);
		}
		catch (RuntimeException ex) {
			logger.error("queue-job could not mark job " + job.uuid() + " failed", ex);
		}
	}

	/**
	 * Hand the jobs claimed ahead that did not start back to pending at once: they never
	 * ran, and another node may run them now.
	 */
	private void handBackNotStarted() {
		this.handBack.stopLocalRunner();
		List<Runnable> waiting = new ArrayList<>();
		this.pool.getQueue().drainTo(waiting);
		List<ClaimedJob> jobs = waiting.stream().map((task) -> ((JobTask) task).job).toList();
		this.handBack.notStarted(jobs);
		jobs.forEach(this.inProgress::remove);
		jobs.forEach(this.executor.runningJobs()::dropped);
	}

	/**
	 * Hand the jobs still running after the shutdown grace back to pending, and interrupt
	 * their threads.
	 */
	private void handBackStillRunning() {
		this.handBack.stillRunning(this.inProgress, this.shutdownGrace);
		this.pool.shutdownNow();
	}

	/**
	 * Give up the thread of a stopped job that did not end: its job is finished, so it
	 * frees its place, and a new thread takes the lost one's until it ends.
	 */
	private void abandon(ClaimedJob job) {
		if (!this.inProgress.remove(job)) {
			return;
		}
		this.abandoned.add(job);
		this.busy.decrementAndGet();
		resizePool(1);
		this.finishedSinceNotice.set(true);
		this.signal.signal();
	}

	private synchronized void resizePool(int change) {
		ThreadPoolExecutor pool = this.pool;
		if (pool == null || pool.isShutdown()) {
			return;
		}
		int size = pool.getMaximumPoolSize() + change;
		if (change > 0) {
			pool.setMaximumPoolSize(size);
			pool.setCorePoolSize(size);
		}
		else {
			pool.setCorePoolSize(size);
			pool.setMaximumPoolSize(size);
		}
	}

	private void submit(ClaimedJob job) {
		this.inProgress.add(job);
		this.executor.runningJobs().queued(job);
		this.pool.execute(new JobTask(job));
	}

	private void run(ClaimedJob job) {
		if (!this.alive.getAsBoolean()) {
			// claimed ahead, it waited for a thread while the node lost its session
			this.inProgress.remove(job);
			this.executor.runningJobs().dropped(job);
			this.handBack.fenced(List.of(job));
			this.signal.signal();
			return;
		}
		this.busy.incrementAndGet();
		long startedAt = System.nanoTime();
		try {
			this.executor.execute(job);
		}
		catch (RuntimeException ex) {
			logger.error("queue-job failed to run job " + job.uuid() + "; marking it failed", ex);
			failUnexpectedly(job, ex);
		}
		finally {
			this.claims.ran(System.nanoTime() - startedAt);
			if (this.abandoned.remove(job)) {
				resizePool(-1);
			}
			else {
				this.inProgress.remove(job);
				this.busy.decrementAndGet();
			}
			this.finishedSinceNotice.set(true);
			this.signal.signal();
			JobRunner runner = this.localRunner.get();
			if (this.running && runner != null) {
				// a job ending while the node stops was handed back: the stopping
				// node's runner must not enqueue it again
				runner.jobFinished();
			}
		}
	}

	/**
	 * The plain settings of the workers.
	 *
	 * @param threads how many jobs run at once
	 * @param claimAhead how many jobs to claim beyond the free threads while the jobs are
	 * short, or {@code null} for three per thread
	 * @param pollInterval the longest wait between two claims
	 * @param shutdownGrace how long stopping waits for running jobs
	 * @param worker this node's identity, stored on the jobs it runs
	 */
	public record Settings(int threads, Integer claimAhead, Duration pollInterval, Duration shutdownGrace,
			String worker) {

		public Settings {
			if (threads < 1) {
				throw new IllegalArgumentException("queue-job.worker.threads must be at least 1, got " + threads);
			}
			if (claimAhead != null && claimAhead < 0) {
				throw new IllegalArgumentException(
						"queue-job.worker.claim-ahead must not be negative, got " + claimAhead);
			}
			Objects.requireNonNull(pollInterval, "pollInterval");
			Objects.requireNonNull(shutdownGrace, "shutdownGrace");
			Objects.requireNonNull(worker, "worker");
		}

	}

	/**
	 * A claimed job, waiting for a thread or running.
	 */
	private final class JobTask implements Runnable {

		private final ClaimedJob job;

		JobTask(ClaimedJob job) {
			this.job = job;
		}

		@Override
		public void run() {
			JobWorkers.this.run(this.job);
		}

	}

}
