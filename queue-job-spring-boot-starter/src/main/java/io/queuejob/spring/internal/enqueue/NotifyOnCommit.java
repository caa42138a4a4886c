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
 * did, notifies the channel on every node, once per transaction.
 */
final class NotifyOnCommit implements TransactionSynchronization {

	private final EnqueueStore store;

	private final Consumer<String> wakeLocal;

	private final Set<String> channels = new LinkedHashSet<>(2);

	private final Set<String> databaseChannels = new LinkedHashSet<>(2);

	private NotifyOnCommit(EnqueueStore store, Consumer<String> wakeLocal) {
		this.store = store;
		this.wakeLocal = wakeLocal;
	}

	/**
	 * Notify a channel of stored jobs: at once outside a transaction, else when the
	 * transaction commits, once however many jobs it stores.
	 * @param store the store that notifies on every node
	 * @param wakeLocal wakes what listens to a channel on this node
	 * @param channel the channel
	 * @param notifyDatabase whether to notify every node (the insert statements did not)
	 */
	static void notifyStored(EnqueueStore store, Consumer<String> wakeLocal, String channel, boolean notifyDatabase) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			if (notifyDatabase) {
				store.notify(channel);
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
			registered = new NotifyOnCommit(store, wakeLocal);
			TransactionSynchronizationManager.registerSynchronization(registered);
		}
		registered.channels.add(channel);
		if (notifyDatabase) {
			registered.databaseChannels.add(channel);
		}
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		this.databaseChannels.forEach(this.store::notify);
	}

	@Override
	public void afterCommit() {
		this.channels.forEach(this.wakeLocal);
	}

}
