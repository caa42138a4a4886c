package io.queuejob.spring.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import io.queuejob.spring.internal.runner.NodeName;

import org.springframework.util.Assert;

/**
 * The settings of this node that {@link QueueJobCustomizer customizers} may change before
 * queue-job builds its components: its worker name and threads, its poll interval, how
 * many jobs its workers claim ahead, how long stopping waits for running jobs, and the
 * clock. Each starts as its {@code queue-job} property says; the values are checked when
 * the components are built, as the properties are.
 * <p>
 * The settings are fixed once the customizers ran: a setter called later, when the
 * components are built, throws {@link IllegalStateException}.
 */
public final class QueueJobSettings {

	private String workerName = NodeName.generate();

	private int workerThreads;

	private Integer claimAhead;

	private Duration pollInterval;

	private Duration shutdownGrace;

	private Clock clock = Clock.systemUTC();

	private boolean fixed;

	QueueJobSettings(QueueJobProperties properties) {
		this.workerThreads = properties.getWorker().getThreads();
		this.claimAhead = properties.getWorker().getClaimAhead();
		this.pollInterval = properties.getPollInterval();
		this.shutdownGrace = properties.getWorker().getShutdownGrace();
	}

	/**
	 * The settings of the properties, changed by the customizers in their order, then
	 * fixed.
	 * @param properties the bound properties
	 * @param customizers the customizers, in order
	 * @return the settings
	 */
	static QueueJobSettings customized(QueueJobProperties properties, Stream<QueueJobCustomizer> customizers) {
		QueueJobSettings settings = new QueueJobSettings(properties);
		customizers.forEach((customizer) -> customizer.customize(settings));
		settings.fixed = true;
		return settings;
	}

	/**
	 * The name of this node, stored on the jobs it runs and on its row in the node table.
	 * By default the host name, the process id and a random suffix.
	 * @return the worker name
	 */
	public String getWorkerName() {
		return this.workerName;
	}

	/**
	 * Set the name of this node. It must differ from the name of every other running
	 * node: a node's liveness, and the rescue of its jobs, go by this name.
	 * @param workerName the worker name
	 */
	public void setWorkerName(String workerName) {
		assertNotFixed();
		Assert.hasText(workerName, "'workerName' must not be empty");
		this.workerName = workerName;
	}

	/**
	 * How many jobs this node runs at once ({@code queue-job.worker.threads}).
	 * @return the number of worker threads
	 */
	public int getWorkerThreads() {
		return this.workerThreads;
	}

	public void setWorkerThreads(int workerThreads) {
		assertNotFixed();
		this.workerThreads = workerThreads;
	}

	/**
	 * How many jobs the workers claim beyond their free threads while the jobs are short
	 * ({@code queue-job.worker.claim-ahead}).
	 * @return the jobs claimed ahead at most, or {@code null} for three per thread
	 */
	public Integer getClaimAhead() {
		return this.claimAhead;
	}

	public void setClaimAhead(Integer claimAhead) {
		assertNotFixed();
		this.claimAhead = claimAhead;
	}

	/**
	 * The longest time between two rounds of the runner, two claims of the workers, and
	 * two heartbeats of the node ({@code queue-job.poll-interval}).
	 * @return the poll interval
	 */
	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		assertNotFixed();
		Assert.notNull(pollInterval, "'pollInterval' must not be null");
		this.pollInterval = pollInterval;
	}

	/**
	 * How long stopping the workers waits for running jobs before it hands them back
	 * ({@code queue-job.worker.shutdown-grace}).
	 * @return the shutdown grace
	 */
	public Duration getShutdownGrace() {
		return this.shutdownGrace;
	}

	public void setShutdownGrace(Duration shutdownGrace) {
		assertNotFixed();
		Assert.notNull(shutdownGrace, "'shutdownGrace' must not be null");
		this.shutdownGrace = shutdownGrace;
	}

	/**
	 * The clock that queue-job reads the time from: the etas of delays and retries, the
	 * time of its events, and the schedules of its runner and autovacuum (the database
	 * dates the jobs' own changes). By default the system clock in UTC.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	public void setClock(Clock clock) {
		assertNotFixed();
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	private void assertNotFixed() {
		Assert.state(!this.fixed, "The queue-job settings are fixed once the customizers ran");
	}

}
