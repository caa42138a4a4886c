package io.queuejob.spring.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.queuejob.core.JobOutcome;
import io.queuejob.spring.store.ClaimedJob;
import io.queuejob.spring.store.JobStores;
import io.queuejob.spring.store.WorkerStore;
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
 * While the jobs are short (those this node ran lately took less than {@link #SHORT_JOB}
 * on average), its last claim found a job for every free thread and at least
 * {@code claimAheadBacklog} jobs are enqueued, it also claims up to {@code claimAhead}
 * jobs more, which wait for a thread, so that a thread that finishes finds its next job
 * already claimed rather than waiting for a claim. A job claimed ahead is {@code started}
 * while it waits, a few jobs' time at most. The backlog condition (jobs enqueued, or
 * ready under direct claims) keeps a node from holding jobs that the free threads of
 * other nodes could run, such as the few jobs a channel of small capacity has enqueued at
 * a time. A stopping node hands back the jobs that did not start yet at once.
 */
public final class JobWorkers implements SmartLifecycle {

	/** The lifecycle phase: started last, stopped first. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1000;

	private static final Log logger = LogFactory.getLog(JobWorkers.class);

	private static final Duration CLAIM_BATCH_WAIT = Duration.ofMillis(2);

	private static final String FENCED = "could not confirm its database session within the fencing timeout,"
			+ " so the job did not start";

	/**
	 * The average run time under which jobs are claimed ahead: a job claimed ahead then
	 * waits a few times this long at most.
	 */
	static final Duration SHORT_JOB = Duration.ofMillis(20);

	private final WorkerStore store;

	private final JobExecutor executor;

	private final int threads;

	private final int claimAhead;

	private final int claimAheadBacklog;

	private final Duration pollInterval;

	private final Duration shutdownGrace;

	private final String worker;

	private final Runnable onJobFinished;

	private final BooleanSupplier alive;

	private final Supplier<JobRunner> localRunner;

	private final AtomicBoolean finishedSinceNotice = new AtomicBoolean();

	private final WakeSignal signal = new WakeSignal();

	private final AtomicInteger busy = new AtomicInteger();

	private final AtomicLong averageRunNanos = new AtomicLong(SHORT_JOB.toNanos());

	private final Set<ClaimedJob> inProgress = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private boolean autoStartup = true;

	private boolean claimMayBeLost;

	private boolean threadsFilled;

	private ThreadPoolExecutor pool;

	private Thread dispatcher;

	/**
	 * Create the workers.
	 * @param store the job store
	 * @param executor runs one job
	 * @param threads how many jobs run at once
	 * @param pollInterval the longest wait between two claims
	 * @param shutdownGrace how long stopping waits for running jobs
	 * @param worker this node's identity, stored on the jobs it runs
	 * @param onJobFinished called when a job finished, to wake this node's runner
	 * @param alive whether this node may claim jobs now: it holds its liveness lock, so
	 * that the jobs it starts are not taken for dead
	 */
	public JobWorkers(WorkerStore store, JobExecutor executor, int threads, Duration pollInterval,
			Duration shutdownGrace, String worker, Runnable onJobFinished, BooleanSupplier alive) {
		this(store, executor, threads, 0, 0, pollInterval, shutdownGrace, worker, onJobFinished, alive, () -> null);
	}

	/**
	 * Create the workers.
	 * @param store the job store
	 * @param executor runs one job
	 * @param threads how many jobs run at once
	 * @param claimAhead how many jobs to claim beyond the free threads while the jobs are
	 * short
	 * @param claimAheadBacklog how many jobs must be enqueued for jobs to be claimed
	 * ahead
	 * @param pollInterval the longest wait between two claims
	 * @param shutdownGrace how long stopping waits for running jobs
	 * @param worker this node's identity, stored on the jobs it runs
	 * @param onJobFinished called when a job finished, to wake this node's runner
	 * @param alive whether this node may claim jobs now: it holds its liveness lock, so
	 * that the jobs it starts are not taken for dead
	 * @param localRunner this node's runner, or {@code null}: while it is the elected
	 * one, which {@code onJobFinished} wakes, the runners are not notified through the
	 * database; it stops planning before jobs are handed back on shutdown
	 */
	public JobWorkers(WorkerStore store, JobExecutor executor, int threads, int claimAhead, int claimAheadBacklog,
			Duration pollInterval, Duration shutdownGrace, String worker, Runnable onJobFinished, BooleanSupplier alive,
			Supplier<JobRunner> localRunner) {
		if (threads < 1) {
			throw new IllegalArgumentException("queue-job.worker.threads must be at least 1, got " + threads);
		}
		if (claimAhead < 0) {
			throw new IllegalArgumentException("queue-job.worker.claim-ahead must not be negative, got " + claimAhead);
		}
		this.store = store;
		this.executor = executor;
		this.threads = threads;
		this.claimAhead = claimAhead;
		this.claimAheadBacklog = claimAheadBacklog;
		this.pollInterval = pollInterval;
		this.shutdownGrace = shutdownGrace;
		this.worker = worker;
		this.onJobFinished = onJobFinished;
		this.alive = alive;
		this.localRunner = localRunner;
	}

	/**
	 * Look for enqueued jobs as soon as possible.
	 */
	public void wake() {
		this.signal.signal();
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
		return this.claimAhead;
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
					handBack();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				handBack();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether the application context starts the workers when it starts; when not, the
	 * application starts it with {@code start()} (or the context's {@code start()}).
	 * @param autoStartup whether to start with the context
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void dispatch() {
		while (this.running) {
			boolean mayHaveMore = false;
			try {
				int held = this.inProgress.size();
				int free = capacity() - held;
				if (this.claimMayBeLost) {
					handBackUnknownClaims();
				}
				if (free > 0 && this.alive.getAsBoolean()) {
					this.claimMayBeLost = true;
					int forThreads = Math.max(0, Math.min(free, this.threads - held));
					int ahead = free - forThreads;
					// only after a claim that found a job for every free thread: jobs
					// that trickle in to idle threads never pay for the count. A count
					// of its own: in the claim's LIMIT it would hide the limit from
					// the planner, which then sorts all enqueued jobs
					if (ahead > 0 && (!this.threadsFilled
							|| this.store.countClaimable(this.claimAheadBacklog) < this.claimAheadBacklog)) {
						ahead = 0;
					}
					List<ClaimedJob> claimed = List.of();
					if (forThreads + ahead > 0) {
						claimed = this.store.claim(forThreads + ahead, this.worker);
						this.threadsFilled = claimed.size() >= forThreads;
					}
					this.claimMayBeLost = false;
					if (!claimed.isEmpty() && !this.alive.getAsBoolean()) {
						// the node lost its session while it claimed: the other nodes
						// may rescue these jobs once their grace ends, so none starts
						handBack(claimed, FENCED, true);
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
				awaitFreeThread();
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
	 * How many jobs this node may hold claimed now: one per thread, and the jobs claimed
	 * ahead while the jobs are short.
	 */
	private int capacity() {
		boolean shortJobs = this.averageRunNanos.get() < SHORT_JOB.toNanos();
		return this.threads + (shortJobs ? this.claimAhead : 0);
	}

	/**
	 * After a claim that took all it asked for (more jobs likely wait), wait until half
	 * the threads' worth of jobs can be claimed, or at most {@link #CLAIM_BATCH_WAIT}
	 * once one can, so that claims, each a commit, take several jobs rather than one per
	 * finished job.
	 */
	private void awaitFreeThread() {
		int wanted = Math.max(1, this.threads / 2);
		long deadline = System.nanoTime() + CLAIM_BATCH_WAIT.toNanos();
		try {
			while (this.running && capacity() - this.inProgress.size() < wanted) {
				long left = deadline - System.nanoTime();
				if (left <= 0 && this.inProgress.size() < capacity()) {
					return;
				}
				this.signal.await((left > 0) ? Duration.ofNanos(left) : this.pollInterval);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Mark a job failed when running it broke in an unexpected way, so that it does not
	 * stay started by a live node.
	 */
	private void failUnexpectedly(ClaimedJob job, RuntimeException error) {
		JobOutcome.Failed failed = JobOutcome.failed(error);
		try {
			this.executor.fail(job, failed.excName(), failed.excMessage(), failed.excInfo(), Duration.ZERO);
		}
		catch (RuntimeException ex) {
			logger.error("queue-job could not mark job " + job.uuid() + " failed", ex);
		}
	}

	/**
	 * After a claim failed, its jobs may still have been claimed in the database: hand
	 * back every job started under this worker's name that it does not run.
	 */
	private void handBackUnknownClaims() {
		List<Long> runningIds = this.inProgress.stream().map(ClaimedJob::id).toList();
		int handedBack = this.store.handBackUnknownClaims(this.worker, runningIds);
		this.claimMayBeLost = false;
		if (handedBack > 0) {
			logger.warn("queue-job handed back " + handedBack
					+ " job(s) whose claim was lost with its connection; they will run again");
		}
	}

	/**
	 * Hand the jobs claimed ahead that did not start back to pending at once: they never
	 * ran, and another node may run them now.
	 */
	private void handBackNotStarted() {
		stopLocalRunner();
		List<Runnable> waiting = new ArrayList<>();
		this.pool.getQueue().drainTo(waiting);
		if (waiting.isEmpty()) {
			return;
		}
		List<ClaimedJob> jobs = waiting.stream().map((task) -> ((JobTask) task).job).toList();
		int handedBack = handBack(jobs, "stopped before the job started", false);
		jobs.forEach(this.inProgress::remove);
		logger.info("queue-job handed back " + handedBack + " job(s) claimed ahead that had not started");
	}

	/**
	 * Hand the jobs still running after the shutdown grace back to pending, so that
	 * another node runs them now; their own completion, if it comes, is then rejected (a
	 * transactional job's work rolls back). Their threads are interrupted.
	 */
	private void handBack() {
		stopLocalRunner();
		handBack(this.inProgress,
				"stopped before the job ended: it still ran after the shutdown grace of " + this.shutdownGrace, true);
		this.pool.shutdownNow();
	}

	/**
	 * Hand jobs back to pending.
	 * @param jobs the jobs
	 * @param reason what this node did or could not do, stored as the jobs' result
	 * @param warn whether to log a warning per job
	 * @return how many were handed back
	 */
	private int handBack(Collection<ClaimedJob> jobs, String reason, boolean warn) {
		int handedBack = 0;
		for (ClaimedJob job : jobs) {
			try {
				if (this.store.handBack(job, reason)) {
					handedBack++;
					if (warn) {
						logger.warn("queue-job job " + job.uuid() + " handed back to pending: this node " + reason);
					}
				}
			}
			catch (RuntimeException ex) {
				logger.warn("queue-job could not hand back job " + job.uuid()
						+ "; it will be rescued once this node is gone", ex);
			}
		}
		if (handedBack > 0) {
			try {
				// for the runner of another node, and under direct claims its
				// workers, which hear the runners' channel too
				this.store.notify(JobStores.RUNNER_CHANNEL);
			}
			catch (RuntimeException ex) {
				logger.debug("queue-job could not notify the other nodes of the jobs handed back; they poll", ex);
			}
		}
		return handedBack;
	}

	/**
	 * The jobs handed back on shutdown are for the other nodes: this node's runner must
	 * not enqueue them again.
	 */
	private void stopLocalRunner() {
		JobRunner runner = this.localRunner.get();
		if (runner != null) {
			runner.stopPlanning();
		}
	}

	private void submit(ClaimedJob job) {
		this.inProgress.add(job);
		this.pool.execute(new JobTask(job));
	}

	private void run(ClaimedJob job) {
		if (!this.alive.getAsBoolean()) {
			// claimed ahead, it waited for a thread while the node lost its session
			handBack(List.of(job), FENCED, true);
			this.inProgress.remove(job);
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
			// a moving average over about the last 8 jobs
			long ran = System.nanoTime() - startedAt;
			this.averageRunNanos.getAndUpdate((average) -> average + (ran - average) / 8);
			this.inProgress.remove(job);
			this.busy.decrementAndGet();
			this.finishedSinceNotice.set(true);
			this.signal.signal();
			if (this.running) {
				// a job ending while the node stops was handed back: the stopping
				// node's runner must not enqueue it again
				this.onJobFinished.run();
			}
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
