package io.queuejob.spring.internal.runner;

import java.time.Duration;

/**
 * Starts and stops the daemon threads of the listener, the runner and the workers.
 */
final class DaemonThreads {

	private DaemonThreads() {
	}

	static Thread start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * Wait for a thread to end.
	 * @param thread the thread, or {@code null}
	 * @param interrupt whether to interrupt it first (not when it may be in the middle of
	 * a database call whose result must not be lost)
	 * @param max the longest wait
	 */
	static void stop(Thread thread, boolean interrupt, Duration max) {
		if (thread == null) {
			return;
		}
		if (interrupt) {
			thread.interrupt();
		}
		try {
			thread.join(max.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
