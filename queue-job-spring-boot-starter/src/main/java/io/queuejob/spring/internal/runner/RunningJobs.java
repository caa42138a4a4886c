package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import io.queuejob.spring.internal.store.ClaimedJob;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The tries running on this node's worker threads, and the watcher that stops them: one
 * daemon thread stops a try at its deadline or when its job is cancelled, and gives its
 * thread up when the stopped try has not ended after the stop grace period. Jobs claimed
 * ahead, waiting for a free thread, are watched too: one cancelled meanwhile is stopped
 * as it starts, before its method runs.
 */
public final class RunningJobs {

	private static final Log logger = LogFactory.getLog(RunningJobs.class);

	private final Map<UUID, RunningJob> byUuid = new ConcurrentHashMap<>();

	/**
	 * Jobs claimed for this node that wait for a thread; guards the moves between the
	 * sets.
	 */
	private final Set<UUID> queued = new HashSet<>();

	private final Set<UUID> cancelledBeforeStart = new HashSet<>();

	private final List<Consumer<RunningJob>> abandonListeners = new CopyOnWriteArrayList<>();

	private final AtomicLong lostThreads = new AtomicLong();

	private final ScheduledThreadPoolExecutor watcher;

	private final Duration stopGrace;

	/**
	 * Create the running tries of a node.
	 * @param stopGrace how long a stopped try may take to end before its thread is given
	 * up
	 */
	public RunningJobs(Duration stopGrace) {
		this.stopGrace = stopGrace;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("queue-job-deadlines-");
		threads.setDaemon(true);
		this.watcher = new ScheduledThreadPoolExecutor(1, threads);
		this.watcher.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Stop the watcher, when the application context closes.
	 */
	public void close() {
		this.watcher.shutdownNow();
	}

	/**
	 * Start watching a try on the current thread, stopping it when its timeout has
	 * passed.
	 * @param job the job
	 * @return the running try
	 */
	RunningJob start(ClaimedJob job) {
		RunningJob running = new RunningJob(job, Thread.currentThread());
		boolean cancelled;
		synchronized (this.queued) {
			this.queued.remove(job.uuid());
			cancelled = this.cancelledBeforeStart.remove(job.uuid());
			this.byUuid.put(job.uuid(), running);
		}
		if (cancelled) {
			running.stopBeforeStart(JobStop.CANCELLED);
			return running;
		}
		Duration timeout = job.timeout();
		if (timeout != null) {
			running.timer(this.watcher.schedule(() -> stop(running, JobStop.TIMED_OUT), timeout.toNanos(),
					TimeUnit.NANOSECONDS));
		}
		return running;
	}

	/**
	 * Watch a job claimed for this node that waits for a worker thread.
	 * @param job the job
	 */
	void queued(ClaimedJob job) {
		synchronized (this.queued) {
			this.queued.add(job.uuid());
		}
	}

	/**
	 * Stop watching a queued job that will not start on this node (handed back).
	 * @param job the job
	 */
	void dropped(ClaimedJob job) {
		synchronized (this.queued) {
			this.queued.remove(job.uuid());
			this.cancelledBeforeStart.remove(job.uuid());
		}
	}

	/**
	 * Stop watching a try, once its outcome is written.
	 * @param running the try
	 */
	void end(RunningJob running) {
		running.close();
		this.byUuid.remove(running.job().uuid(), running);
	}

	/**
	 * Cancel the tries of the given jobs that run on this node, or wait for a thread
	 * here.
	 * @param uuids the jobs
	 * @return how many tries were stopped
	 */
	public int cancel(Collection<UUID> uuids) {
		int stopped = 0;
		for (UUID uuid : uuids) {
			RunningJob running;
			synchronized (this.queued) {
				running = this.byUuid.get(uuid);
				if (running == null && this.queued.contains(uuid)) {
					this.cancelledBeforeStart.add(uuid);
					stopped++;
					continue;
				}
			}
			if (running != null && stop(running, JobStop.CANCELLED)) {
				stopped++;
			}
		}
		return stopped;
	}

	/**
	 * Stop the tries whose jobs a user cancelled, looked up on the watcher's thread.
	 * @param cancelledAmong the cancelled jobs among those given
	 */
	public void stopCancelled(Function<Collection<UUID>, Collection<UUID>> cancelledAmong) {
		this.watcher.execute(() -> {
			Set<UUID> watched = new HashSet<>(this.byUuid.keySet());
			synchronized (this.queued) {
				watched.addAll(this.queued);
			}
			if (watched.isEmpty()) {
				return;
			}
			try {
				cancel(cancelledAmong.apply(watched));
			}
			catch (RuntimeException ex) {
				logger.warn("queue-job could not read which running jobs were cancelled", ex);
			}
		});
	}

	/**
	 * Call back when a stopped try's thread is given up, on the watcher's thread.
	 * @param listener the callback
	 */
	void onAbandoned(Consumer<RunningJob> listener) {
		this.abandonListeners.add(listener);
	}

	/**
	 * How many worker threads this node gave up because a try stopped at its deadline or
	 * cancelled did not end within the stop grace period.
	 * @return the number of lost threads since the node started
	 */
	public long lostThreads() {
		return this.lostThreads.get();
	}

	private boolean stop(RunningJob running, JobStop reason) {
		if (!running.stop(reason)) {
			return false;
		}
		this.watcher.schedule(() -> abandonIfRunning(running), this.stopGrace.toNanos(), TimeUnit.NANOSECONDS);
		return true;
	}

	private void abandonIfRunning(RunningJob running) {
		if (running.abandon()) {
			this.lostThreads.incrementAndGet();
			this.byUuid.remove(running.job().uuid(), running);
			this.abandonListeners.forEach((listener) -> listener.accept(running));
		}
	}

}
