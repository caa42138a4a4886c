package io.queuejob.spring.internal.runner;

import java.time.Duration;

/**
 * A node loop that runs on a daemon thread of its own (the vacuum, the schedules, the
 * charts' rollup, the progress writer): started with the context, woken through its
 * {@link #signal}, and stopped by clearing {@link #running}, waking it and waiting a
 * moment for its thread to end.
 */
public abstract class ThreadLoop extends NodeLoop {

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	/** Wakes the loop before its wait ends. */
	final WakeSignal signal = new WakeSignal();

	private final String threadName;

	private final boolean interruptOnStop;

	private Thread thread;

	/**
	 * Create the loop.
	 * @param phase the lifecycle phase
	 * @param threadName the name of its thread
	 * @param interruptOnStop whether stopping interrupts the thread, or lets it finish
	 * what it does (such as a last write)
	 */
	ThreadLoop(int phase, String threadName, boolean interruptOnStop) {
		super(phase);
		this.threadName = threadName;
		this.interruptOnStop = interruptOnStop;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = DaemonThreads.start(this.threadName, this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		this.signal.signal();
		DaemonThreads.stop(this.thread, this.interruptOnStop, STOP_WAIT);
	}

	/**
	 * The loop's body, run on its thread until {@link #running} is cleared.
	 */
	abstract void loop();

}
