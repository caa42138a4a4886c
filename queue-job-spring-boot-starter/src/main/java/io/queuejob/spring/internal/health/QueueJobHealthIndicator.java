package io.queuejob.spring.internal.health;

import java.util.function.BooleanSupplier;

import io.queuejob.spring.internal.runner.PostgresJobListener;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.runner.RunningJobs;
import io.queuejob.spring.internal.store.JdbcJobStatistics;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of queue-job as this node sees it: up when the database answers, this node's
 * listener is connected (when it has one), and a runner is elected somewhere: some node's
 * listener holds the election lock, or this node runs a runner without election.
 * Internal: created by the auto-configuration.
 */
public final class QueueJobHealthIndicator extends AbstractHealthIndicator {

	private final JdbcJobStatistics statistics;

	private final String node;

	private final PostgresJobListener listener;

	private final RunnerElection election;

	private final BooleanSupplier runsUnelectedRunner;

	private final RunningJobs runningJobs;

	/**
	 * Create the indicator.
	 * @param statistics the queries
	 * @param node this node's worker name, or {@code null} when it has no workers
	 * @param listener this node's listener, or {@code null}
	 * @param election this node's runner election, or {@code null}
	 * @param runsUnelectedRunner whether this node runs a runner without an election (no
	 * listener)
	 */
	public QueueJobHealthIndicator(JdbcJobStatistics statistics, String node, PostgresJobListener listener,
			RunnerElection election, BooleanSupplier runsUnelectedRunner) {
		this(statistics, node, listener, election, runsUnelectedRunner, null);
	}

	/**
	 * Create the indicator of a node that runs jobs.
	 * @param statistics the queries
	 * @param node this node's worker name, or {@code null} when it has no workers
	 * @param listener this node's listener, or {@code null}
	 * @param election this node's runner election, or {@code null}
	 * @param runsUnelectedRunner whether this node runs a runner without an election (no
	 * listener)
	 * @param runningJobs the tries running on this node, whose given-up threads the
	 * details count, or {@code null} when it runs no jobs
	 */
	public QueueJobHealthIndicator(JdbcJobStatistics statistics, String node, PostgresJobListener listener,
			RunnerElection election, BooleanSupplier runsUnelectedRunner, RunningJobs runningJobs) {
		super("queue-job health check failed");
		this.statistics = statistics;
		this.node = node;
		this.listener = listener;
		this.election = election;
		this.runsUnelectedRunner = runsUnelectedRunner;
		this.runningJobs = runningJobs;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean runnerHere = (this.election != null) ? this.election.isLeader()
				: this.runsUnelectedRunner.getAsBoolean();
		// the database answers here, or the check fails with its exception
		boolean elected = runnerHere || this.statistics.isLockHeld(RunnerElection.LOCK_NAMESPACE);
		boolean listening = this.listener == null || this.listener.isConnected();
		if (this.node != null) {
			builder.withDetail("node", this.node);
		}
		if (this.listener != null) {
			builder.withDetail("listenerConnected", listening);
		}
		builder.withDetail("runnerElected", elected).withDetail("runnerOnThisNode", runnerHere);
		if (this.runningJobs != null) {
			// a lost thread still runs, but a new one replaced it: the node is not down
			builder.withDetail("lostWorkerThreads", this.runningJobs.lostThreads());
		}
		if (!listening) {
			builder.down().withDetail("reason", "the listener of this node is not connected to the database");
		}
		else if (!elected) {
			builder.down()
				.withDetail("reason", "no node runs the runner (is queue-job.runner.enabled false everywhere?)");
		}
		else {
			builder.up();
		}
	}

}
