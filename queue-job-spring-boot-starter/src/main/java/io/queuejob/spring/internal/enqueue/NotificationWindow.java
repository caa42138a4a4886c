package io.queuejob.spring.internal.enqueue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Spaces out the notifications this node sends for the jobs it stores: per notification
 * channel, at most one transaction notifies within a window; the others store their jobs
 * quietly and, once they have committed, ask for one notification at the end of the
 * window. Every quiet commit is followed by a notification sent after it, so no worker or
 * runner misses a job; what they save is NOTIFY's commit-time lock, which serialises the
 * commits of every notifying transaction on the server.
 * <p>
 * A window of zero turns the spacing off: every storing transaction notifies.
 */
public final class NotificationWindow implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(NotificationWindow.class);

	private final long windowNanos;

	private final Consumer<String> send;

	private final LongSupplier nanoTime;

	private final Delayer delayer;

	private final ConcurrentMap<String, Channel> channels = new ConcurrentHashMap<>();

	/**
	 * Create a window that sends its trailing notifications from a daemon thread of its
	 * own, started when first needed.
	 * @param window the window; zero for none
	 * @param send sends a notification on a channel, outside any transaction
	 */
	public NotificationWindow(Duration window, Consumer<String> send) {
		this(window, send, System::nanoTime, new ExecutorDelayer());
	}

	NotificationWindow(Duration window, Consumer<String> send, LongSupplier nanoTime, Delayer delayer) {
		if (window.isNegative()) {
			throw new IllegalArgumentException("The notification window must not be negative, was " + window);
		}
		this.windowNanos = window.toNanos();
		this.send = send;
		this.nanoTime = nanoTime;
		this.delayer = delayer;
	}

	/**
	 * A window that lets every transaction notify.
	 * @param send sends a notification on a channel
	 * @return the window
	 */
	static NotificationWindow none(Consumer<String> send) {
		return new NotificationWindow(Duration.ZERO, send);
	}

	/**
	 * Whether a transaction that stores jobs may notify a channel itself: yes when no
	 * notification on it was sent (or claimed) within the window. A transaction that may
	 * not must call {@link #notifyLater} once it has committed.
	 * @param channel the notification channel
	 * @return whether to notify in the transaction
	 */
	boolean claim(String channel) {
		if (this.windowNanos == 0) {
			return true;
		}
		Channel state = channel(channel);
		long now = this.nanoTime.getAsLong();
		long last = state.lastSent.get();
		return now - last >= this.windowNanos && state.lastSent.compareAndSet(last, now);
	}

	/**
	 * Make sure that a notification on a channel is sent after this call, at the latest
	 * at the end of the current window: a transaction that stored jobs without notifying
	 * calls it once it has committed. A notification already due and not yet begun covers
	 * the commit, since it is sent after it.
	 * @param channel the notification channel
	 */
	void notifyLater(String channel) {
		if (this.windowNanos == 0) {
			sendNow(channel);
			return;
		}
		Channel state = channel(channel);
		if (state.due.compareAndSet(false, true)) {
			long delay = Math.max(0, state.lastSent.get() + this.windowNanos - this.nanoTime.getAsLong());
			this.delayer.schedule(() -> {
				// cleared before sending: a commit after this point asks for a new one
				state.due.set(false);
				state.lastSent.set(this.nanoTime.getAsLong());
				sendNow(channel);
			}, delay);
		}
	}

	/**
	 * Notify a channel for jobs already committed: at once when the window allows, else
	 * at its end.
	 * @param channel the notification channel
	 */
	void notifyCommitted(String channel) {
		if (claim(channel)) {
			sendNow(channel);
		}
		else {
			notifyLater(channel);
		}
	}

	private void sendNow(String channel) {
		try {
			this.send.accept(channel);
		}
		catch (RuntimeException ex) {
			// the jobs are stored: the runners and workers find them when they next poll
			logger.warn("Could not notify " + channel + " of stored jobs; they run when the runner or the workers"
					+ " next poll the database", ex);
		}
	}

	private Channel channel(String channel) {
		return this.channels.computeIfAbsent(channel,
				(name) -> new Channel(this.nanoTime.getAsLong() - this.windowNanos));
	}

	/**
	 * Sends the notifications still due, then stops the thread that sends them.
	 */
	@Override
	public void close() {
		this.delayer.close();
	}

	/**
	 * Runs a task after a delay.
	 */
	interface Delayer extends AutoCloseable {

		void schedule(Runnable task, long delayNanos);

		@Override
		void close();

	}

	private static final class Channel {

		private final AtomicLong lastSent;

		private final AtomicBoolean due = new AtomicBoolean();

		Channel(long lastSent) {
			this.lastSent = new AtomicLong(lastSent);
		}

	}

	/**
	 * A single daemon thread, started on the first task; on close, the tasks already
	 * scheduled still run when due (within a window), so that no notification is lost.
	 */
	private static final class ExecutorDelayer implements Delayer {

		private ScheduledThreadPoolExecutor executor;

		@Override
		public synchronized void schedule(Runnable task, long delayNanos) {
			if (this.executor == null) {
				CustomizableThreadFactory threads = new CustomizableThreadFactory("queue-job-notify-");
				threads.setDaemon(true);
				this.executor = new ScheduledThreadPoolExecutor(1, threads);
			}
			if (!this.executor.isShutdown()) {
				this.executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
			}
			else {
				task.run();
			}
		}

		@Override
		public synchronized void close() {
			if (this.executor == null) {
				return;
			}
			this.executor.shutdown();
			try {
				this.executor.awaitTermination(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
