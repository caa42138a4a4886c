package io.queuejob.spring.internal.runner;

import org.springframework.context.SmartLifecycle;

/**
 * The lifecycle of one of a node's background loops (the listener, the runner, the
 * workers, the vacuum): whether it runs, whether the application context starts it
 * ({@code queue-job.auto-startup}), and its phase. The loop runs while {@link #running}
 * is set; subclasses set it in {@code start()} and clear it in {@code stop()}.
 */
public abstract class NodeLoop implements SmartLifecycle {

	private final int phase;

	/** Whether the loop runs: set by {@code start()}, cleared by {@code stop()}. */
	volatile boolean running;

	private boolean autoStartup = true;

	NodeLoop(int phase) {
		this.phase = phase;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether the application context starts the loop when it starts; when not, the
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
		return this.phase;
	}

}
