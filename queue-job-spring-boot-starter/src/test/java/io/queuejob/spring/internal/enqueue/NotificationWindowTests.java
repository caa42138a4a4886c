package io.queuejob.spring.internal.enqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The notification window on a hand-driven clock and delayer: one notifying transaction
 * per window and channel, and a trailing notification after every quiet commit.
 */
class NotificationWindowTests {

	private static final long MS = 1_000_000L;

	private final List<String> sent = new ArrayList<>();

	private final ManualDelayer delayer = new ManualDelayer();

	private long now = 1_000 * MS;

	private final NotificationWindow window = new NotificationWindow(Duration.ofMillis(5), this.sent::add,
			() -> this.now, this.delayer);

	@Test
	void firstTransactionOfAWindowNotifiesAndTheOthersDoNot() {
		assertThat(this.window.claim("workers")).isTrue();
		this.now += 4 * MS;
		assertThat(this.window.claim("workers")).isFalse();
		assertThat(this.window.claim("runner")).as("each channel has its own window").isTrue();
		this.now += MS;
		assertThat(this.window.claim("workers")).isTrue();
		assertThat(this.sent).as("a claim sends nothing: the transaction notifies").isEmpty();
	}

	@Test
	void quietCommitsShareOneNotificationAtTheEndOfTheWindow() {
		assertThat(this.window.claim("workers")).isTrue();
		this.now += 2 * MS;
		this.window.notifyLater("workers");
		this.now += MS;
		this.window.notifyLater("workers");
		assertThat(this.delayer.delays).as("the rest of the window").containsExactly(3 * MS);
		this.now += 2 * MS;
		this.delayer.runAll();
		assertThat(this.sent).containsExactly("workers");
		assertThat(this.window.claim("workers")).as("the trailing notification opened a new window").isFalse();
	}

	@Test
	void aCommitAfterTheTrailingNotificationBeganAsksForAnother() {
		this.window.claim("workers");
		this.window.notifyLater("workers");
		this.now += 5 * MS;
		this.delayer.onRun = () -> this.window.notifyLater("workers");
		this.delayer.runAll();
		assertThat(this.sent).containsExactly("workers");
		assertThat(this.delayer.pending).as("the commit that raced the send is not left without one").hasSize(1);
		this.delayer.onRun = null;
		this.now += 5 * MS;
		this.delayer.runAll();
		assertThat(this.sent).containsExactly("workers", "workers");
	}

	@Test
	void committedJobsNotifyAtOnceWhenTheWindowAllows() {
		this.window.notifyCommitted("runner");
		assertThat(this.sent).containsExactly("runner");
		this.window.notifyCommitted("runner");
		assertThat(this.sent).containsExactly("runner");
		assertThat(this.delayer.delays).containsExactly(5 * MS);
		this.now += 5 * MS;
		this.delayer.runAll();
		assertThat(this.sent).containsExactly("runner", "runner");
	}

	@Test
	void aZeroWindowNotifiesFromEveryTransaction() {
		NotificationWindow none = new NotificationWindow(Duration.ZERO, this.sent::add, () -> this.now, this.delayer);
		assertThat(none.claim("workers")).isTrue();
		assertThat(none.claim("workers")).isTrue();
		none.notifyLater("workers");
		assertThat(this.sent).containsExactly("workers");
		assertThat(this.delayer.pending).isEmpty();
	}

	@Test
	void aFailedTrailingNotificationIsLoggedAndTheNextOneIsSent() {
		AtomicInteger attempts = new AtomicInteger();
		NotificationWindow failingOnce = new NotificationWindow(Duration.ofMillis(5), (channel) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("database down");
			}
			this.sent.add(channel);
		}, () -> this.now, this.delayer);
		failingOnce.claim("workers");
		failingOnce.notifyLater("workers");
		this.now += 5 * MS;
		this.delayer.runAll();
		failingOnce.notifyLater("workers");
		this.now += 5 * MS;
		this.delayer.runAll();
		assertThat(attempts).hasValue(2);
		assertThat(this.sent).containsExactly("workers");
	}

	@Test
	void aNegativeWindowIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NotificationWindow(Duration.ofMillis(-1), this.sent::add))
			.withMessageContaining("must not be negative");
	}

	private static final class ManualDelayer implements NotificationWindow.Delayer {

		private final List<Runnable> pending = new ArrayList<>();

		private final List<Long> delays = new ArrayList<>();

		private Runnable onRun;

		@Override
		public void schedule(Runnable task, long delayNanos) {
			this.pending.add(task);
			this.delays.add(delayNanos);
		}

		void runAll() {
			List<Runnable> due = new ArrayList<>(this.pending);
			this.pending.clear();
			for (Runnable task : due) {
				task.run();
				if (this.onRun != null) {
					this.onRun.run();
				}
			}
		}

		@Override
		public void close() {
		}

	}

}
