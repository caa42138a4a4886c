package io.queuejob.spring.internal.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.core.channel.Candidate;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelScheduler;
import io.queuejob.core.channel.Plan;
import io.queuejob.core.channel.Round;
import io.queuejob.core.channel.WindowRequest;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.RunnerStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The runner: applies the {@link ChannelScheduler} to the jobs in the database and moves
 * the chosen ones from {@code pending} to {@code enqueued}. It plans when woken (a job
 * was stored or finished), when an eta or a throttle interval ends, and at the latest
 * every poll interval. It keeps nothing of the backlog in memory: each round reads the
 * occupancy and a bounded window of candidates per channel, and it plans no round while a
 * tenth of a window's worth of jobs still waits in {@code enqueued} for the workers.
 * While they do, a job finished on this node wakes it only once as many jobs finished as
 * were enqueued above that tenth.
 * <p>
 * Under direct claims (no channel limits anything, and
 * {@link RunnerStore#plansReadyJobs()} is false) the workers claim the ready jobs from
 * {@code pending} themselves, and the runner enqueues only the jobs whose eta has passed;
 * a finished job then frees nothing it plans, and does not wake it (a retry or a release
 * of waiting children notifies).
 */
public final class JobRunner extends NodeLoop {

	/** The lifecycle phase: started after the listener, stopped after the workers. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2000;

	private static final Log logger = LogFactory.getLog(JobRunner.class);

	private final RunnerStore store;

	private final ChannelScheduler scheduler;

	private final Duration pollInterval;

	private final Clock clock;

	private final Runnable onEnqueued;

	private final List<String> sequentialChannels;

	private final Map<String, Duration> rates;

	private final List<String> perKeyChannels;

	private final RunnerElection election;

	private final TransactionOperations transaction;

	private final DeadJobRescue rescue;

	private final JobLifecycleObserver observer;

	private final int enqueuedLowWater;

	private final int maxWindow;

	private boolean backlog;

	private final AtomicInteger finishesBeforeCheck = new AtomicInteger();

	private final WakeSignal signal = new WakeSignal();

	private volatile boolean planning = true;

	private Thread thread;

	/**
	 * Create a runner.
	 * @param store the job store
	 * @param scheduler the channel scheduler
	 * @param settings the poll interval and the clock
	 * @param onEnqueued called after jobs were enqueued, to wake this node's workers
	 * @param election the election of the runner among the nodes, or {@code null} when
	 * this node is always the runner (no listener)
	 * @param transaction runs each round in a transaction
	 * @param rescue rescues the jobs of dead nodes, or {@code null} when node liveness is
	 * not known (no listener)
	 * @param observer told of each round once it is committed
	 */
	public JobRunner(RunnerStore store, ChannelScheduler scheduler, Settings settings, Runnable onEnqueued,
			RunnerElection election, TransactionOperations transaction, DeadJobRescue rescue,
			JobLifecycleObserver observer) {
		super(PHASE);
		this.store = store;
		this.scheduler = scheduler;
		this.pollInterval = settings.pollInterval();
		this.clock = settings.clock();
		this.onEnqueued = onEnqueued;
		this.election = election;
		this.transaction = transaction;
		this.rescue = rescue;
		this.observer = observer;
		this.maxWindow = scheduler.maxWindow();
		this.enqueuedLowWater = Math.max(1, this.maxWindow / 10);
		this.sequentialChannels = scheduler.tree()
			.channels()
			.stream()
			.filter(ChannelConfig::sequential)
			.map(ChannelConfig::name)
			.toList();
		this.rates = scheduler.tree().ratePeriods();
		this.perKeyChannels = scheduler.tree()
			.channels()
			.stream()
			.filter((channel) -> channel.perKey() != null)
			.map(ChannelConfig::name)
			.toList();
	}

	/**
	 * Whether this runner runs and is the elected one.
	 * @return whether it plans the rounds now
	 */
	public boolean leads() {
		return this.running && elected();
	}

	private boolean elected() {
		return this.election == null || this.election.isLeader();
	}

	/**
	 * Plan no more rounds: this node is stopping and hands its running jobs back, for the
	 * runner of another node to enqueue.
	 */
	public void stopPlanning() {
		this.planning = false;
	}

	/**
	 * Plan again as soon as possible.
	 */
	public void wake() {
		this.signal.signal();
	}

	/**
	 * Jobs were stored on this node: plan again, unless the workers still have enough
	 * enqueued jobs to claim.
	 */
	public void jobsStored() {
		if (this.finishesBeforeCheck.get() <= 0) {
			this.signal.signal();
		}
	}

	/**
	 * A job of this node finished, which frees its channel: plan again, unless the
	 * workers still have enough enqueued jobs to claim.
	 */
	public void jobFinished() {
		if (!this.store.plansReadyJobs()) {
			// a retry and a release of waiting children, the finishes that can
			// give the runner a job to plan, notify it through the database
			return;
		}
		if (this.finishesBeforeCheck.get() <= 0 || this.finishesBeforeCheck.decrementAndGet() <= 0) {
			this.signal.signal();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.planning = true;
		this.thread = DaemonThreads.start("queue-job-runner", this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		DaemonThreads.stop(this.thread, true, this.pollInterval.plusSeconds(1));
	}

	private void loop() {
		while (this.running) {
			Duration wait = this.pollInterval;
			try {
				Instant wakeUpAt = runRounds();
				if (wakeUpAt != null) {
					wait = WakeSignal.min(wait, Duration.between(this.clock.instant(), wakeUpAt));
				}
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn("queue-job runner round failed; retrying in " + this.pollInterval, ex);
				}
			}
			try {
				this.signal.await(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Plan until a round decides everything, enqueueing what each round chose. Each round
	 * runs in a transaction under an advisory lock, so that two runners never plan at
	 * once, not even while one takes over from another.
	 * @return when to plan again at the latest, or {@code null}
	 */
	Instant runRounds() {
		if (!this.planning || !elected()) {
			if (this.rescue != null) {
				this.rescue.forget();
			}
			return null;
		}
		Instant rescueAt = null;
		if (this.rescue != null) {
			if (this.rescue.rescue(this.clock.instant(), leaderPid()) > 0 && !this.store.plansReadyJobs()) {
				// the rescued jobs without an eta are the workers' to claim, which
				// under direct claims hear the runners' channel too
				this.store.notify(JobStores.RUNNER_CHANNEL);
			}
			rescueAt = this.rescue.nextRescue();
		}
		Plan plan;
		do {
			if (!this.planning || !elected()) {
				return null;
			}
			// While the workers have enough to claim, plan again only when jobs
			// finish, so that a backlog stays pending, where the runner reads only
			// a window of it: one read without a transaction, and only after
			// rounds that enqueued that many
			if (this.backlog) {
				int enqueued = this.store.countEnqueued(this.maxWindow);
				if (enqueued >= this.enqueuedLowWater) {
					// a job leaves enqueued when a worker claims it: a claim on
					// this node is followed by a finish, one on another node by a
					// wake-up from there
					this.finishesBeforeCheck.set(enqueued - this.enqueuedLowWater);
					return rescueAt;
				}
			}
			this.finishesBeforeCheck.set(0);
			plan = this.transaction
				.execute((status) -> this.store.tryRoundLock(leaderPid(), roundIdleLimit()) ? round() : null);
			if (plan == null) {
				return rescueAt;
			}
			this.observer.round(plan.toRun().size());
			this.backlog = plan.toRun().size() >= this.enqueuedLowWater;
			if (!plan.toRun().isEmpty()) {
				this.onEnqueued.run();
			}
		}
		while (!plan.complete() && this.running);
		return earliest(plan.wakeUpAt(), rescueAt);
	}

	/**
	 * The listener session through which this node is the runner, for the statements that
	 * must check in the database that it still is.
	 */
	private int leaderPid() {
		return (this.election != null) ? this.election.leaderSessionPid() : 0;
	}

	/**
	 * How long a round's transaction may stand idle: as long as the election lock counts
	 * as held without a probe, after which another runner may be elected.
	 */
	private Duration roundIdleLimit() {
		return (this.election != null) ? this.election.fencingTimeout() : Duration.ZERO;
	}

	private static Instant earliest(Instant a, Instant b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return a.isBefore(b) ? a : b;
	}

	private Plan round() {
		Instant now = this.clock.instant();
		Round round = this.scheduler.round(now,
				this.store.load(this.sequentialChannels, this.rates, this.perKeyChannels, now));
		Map<String, WindowRequest> requests = new LinkedHashMap<>();
		for (String channel : this.store.pendingChannels()) {
			requests.put(channel, round.window(channel));
		}
		Plan plan = round.plan(this.store.windows(requests, now));
		if (!plan.toRun().isEmpty()) {
			// notifies the workers of every node at commit
			this.store.enqueue(plan.toRun().stream().map(Candidate::id).toList());
		}
		return plan;
	}

	/**
	 * The plain settings of the runner.
	 *
	 * @param pollInterval the longest time between two rounds
	 * @param clock the clock
	 */
	public record Settings(Duration pollInterval, Clock clock) {

		public Settings {
			Objects.requireNonNull(pollInterval, "pollInterval");
			Objects.requireNonNull(clock, "clock");
		}

	}

}
