package io.queuejob.spring.internal.enqueue;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.queuejob.spring.internal.store.EnqueueStore;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the runners and workers of stored jobs: wakes what listens to a notification
 * channel on this node when the transaction commits and, unless the insert statements
 * did, notifies the channel on every node, once per transaction: before the commit when
 * the {@link NotificationWindow} allows, else once the transaction has committed, at the
 * end of the window.
 */
final class NotifyOnCommit implements TransactionSynchronization {

	private final EnqueueStore store;

	private final NotificationWindow window;

	private final Consumer<String> wakeLocal;

	private final Set<String> channels = new LinkedHashSet<>(2);

	private final Set<String> notified = new LinkedHashSet<>(2);

	private NotifyOnCommit(EnqueueStore store, NotificationWindow window, Consumer<String> wakeLocal) {
		this.store = store;
		this.window = window;
		this.wakeLocal = wakeLocal;
	}

	/**
	 * Notify a channel of stored jobs: at once outside a transaction, else when the
	 * transaction commits, once however many jobs it stores.
	 * @param store the store that notifies on every node
	 * @param window spaces out the notifications of this node
	 * @param wakeLocal wakes what listens to a channel on this node
	 * @param channel the channel
	 * @param notifiedByStatement whether a statement that stored the jobs notified every
	 * node already
	 */
	static void notifyStored(EnqueueStore store, NotificationWindow window, Consumer<String> wakeLocal, String channel,
			boolean notifiedByStatement) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			if (!notifiedByStatement) {
				window.notifyCommitted(channel);
			}
			wakeLocal.accept(channel);
			return;
		}
		NotifyOnCommit registered = TransactionSynchronizationManager.getSynchronizations()
			.stream()
			.filter(NotifyOnCommit.class::isInstance)
			.map(NotifyOnCommit.class::cast)
			.findFirst()
			.orElse(null);
		if (registered == null) {
			registered = new NotifyOnCommit(store, window, wakeLocal);
			TransactionSynchronizationManager.registerSynchronization(registered);
		}
		registered.channels.add(channel);
		if (notifiedByStatement) {
			registered.notified.add(channel);
		}
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		for (String channel : this.channels) {
			if (!this.notified.contains(channel) && this.window.claim(channel)) {
				this.store.notify(channel);
				this.notified.add(channel);
			}
		}
	}

	@Override
	public void afterCommit() {
		for (String channel : this.channels) {
			if (!this.notified.contains(channel)) {
				this.window.notifyLater(channel);
			}
		}
		this.channels.forEach(this.wakeLocal);
	}

}
