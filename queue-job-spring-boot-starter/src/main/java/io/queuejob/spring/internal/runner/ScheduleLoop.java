package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs the materialisation of schedules on the node that holds the runner role, in a
 * thread of its own so that it never delays a scheduling round: when the next schedule
 * falls due (by the database's clock), when woken (a schedule changed on this node), and
 * at the latest every poll interval (a schedule changed on another node). A node that is
 * not the runner checks every second whether it has become it.
 */
public final class ScheduleLoop extends ThreadLoop {

	private static final Duration MIN_WAIT = Duration.ofMillis(10);

	private static final Duration ELECTION_CHECK = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(ScheduleLoop.class);

	private final Supplier<Duration> materialise;

	private final BooleanSupplier elected;

	private final Duration pollInterval;

	/**
	 * Create the loop.
	 * @param materialise materialises the due occurrences, and tells how long until the
	 * next schedule falls due ({@code null} if none is to)
	 * @param elected whether this node holds the runner role now
	 * @param pollInterval the longest time between two passes
	 */
	public ScheduleLoop(Supplier<Duration> materialise, BooleanSupplier elected, Duration pollInterval) {
		super(JobRunner.PHASE, "queue-job-schedules", true);
		this.materialise = materialise;
		this.elected = elected;
		this.pollInterval = pollInterval;
	}

	/**
	 * Materialise again as soon as possible.
	 */
	public void wake() {
		this.signal.signal();
	}

	@Override
	void loop() {
		while (this.running) {
			Duration wait = WakeSignal.min(this.pollInterval, ELECTION_CHECK);
			if (this.elected.getAsBoolean()) {
				wait = this.pollInterval;
				try {
					Duration untilDue = this.materialise.get();
					if (untilDue != null) {
						wait = WakeSignal.min(wait, untilDue);
					}
				}
				catch (RuntimeException ex) {
					if (this.running) {
						logger.warn("queue-job schedules could not be materialised; retrying in " + wait, ex);
					}
				}
			}
			try {
				this.signal.await((wait.compareTo(MIN_WAIT) < 0) ? MIN_WAIT : wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
