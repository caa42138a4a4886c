package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a waiting loop. Signals that arrive while the loop is busy are not lost: the next
 * wait returns at once.
 */
final class WakeSignal {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition signalled = this.lock.newCondition();

	private boolean pending;

	void signal() {
		this.lock.lock();
		try {
			this.pending = true;
			this.signalled.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until signalled or the time is up, and clear the signal.
	 * @param max the longest wait
	 * @throws InterruptedException if the thread is interrupted
	 */
	void await(Duration max) throws InterruptedException {
		long nanos = Math.max(0, max.toNanos());
		this.lock.lock();
		try {
			while (!this.pending && nanos > 0) {
				nanos = this.signalled.awaitNanos(nanos);
			}
			this.pending = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
