package io.queuejob.spring.internal.enqueue;

import java.util.function.Consumer;

import io.queuejob.core.JobOptions;
import io.queuejob.core.JobState;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.store.EnqueueStore;
import io.queuejob.spring.internal.store.NewJob;

/**
 * The jobs of schedules' occurrences: ordinary jobs of the schedule's function, with the
 * function's channel, priority, retries and identity key, "created by" the schedule.
 * Internal.
 */
public final class OccurrenceJobs {

	private final JobArgumentCodec codec;

	private final EnqueueStore store;

	private final Consumer<String> wakeLocal;

	private final JobLifecycleObserver observer;

	/** None: every occurrence's insert notifies. */
	private final NotificationWindow window;

	/**
	 * Create the factory.
	 * @param codec the argument codec
	 * @param store the job store, which says which channel to notify
	 * @param wakeLocal after a commit, wakes what on this node listens to a notification
	 * channel
	 * @param observer told of the jobs stored
	 */
	public OccurrenceJobs(JobArgumentCodec codec, EnqueueStore store, Consumer<String> wakeLocal,
			JobLifecycleObserver observer) {
		this.codec = codec;
		this.store = store;
		this.wakeLocal = wakeLocal;
		this.observer = observer;
		this.window = NotificationWindow.none(store::notify);
	}

	/**
	 * The row of an occurrence's job.
	 * @param function the schedule's job function
	 * @param argumentsJson the schedule's arguments, as validated
	 * @param schedule the schedule's name
	 * @return the row
	 */
	public NewJob row(JobFunction function, String argumentsJson, String schedule) {
		NewJobs rows = new NewJobs(this.codec, () -> "schedule " + schedule);
		JobOptions options = NewJobs.resolve(JobOptions.NONE, function);
		String identityKey = null;
		if (options.identityKey() != null) {
			identityKey = options.identityKey().isExact() ? rows.exactKey(function, argumentsJson)
					: options.identityKey().value();
		}
		String partitionKey = (function.partitionKey() != null)
				? NewJobs.partitionKey(function, this.codec.read(function.method(), argumentsJson)) : null;
		return rows.row(function, options, argumentsJson, identityKey, JobState.PENDING, null, partitionKey);
	}

	/**
	 * The notification channel of the occurrences' jobs, which carry no eta.
	 * @return the channel to notify
	 */
	public String channel() {
		return this.store.channelToNotify(JobState.PENDING, null);
	}

	/**
	 * An occurrence's job was stored in the current transaction (its insert notified the
	 * other nodes): wake this node's runner or workers at commit.
	 * @param row the job
	 */
	public void stored(NewJob row) {
		this.observer.enqueued(row.channel(), row.jobFunction(), 1);
		NotifyOnCommit.notifyStored(this.store, this.window, this.wakeLocal, channel(), true);
	}

}
