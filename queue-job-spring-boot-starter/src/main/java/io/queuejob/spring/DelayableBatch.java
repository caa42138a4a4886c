package io.queuejob.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.queuejob.core.IdentityKey;
import io.queuejob.core.JobOptions;

/**
 * Many prepared jobs of one function (none for no items), with options shared by all of
 * them. Options set here win over the function's. {@link #delay()} stores them all in the
 * caller's transaction, with one insert statement per few thousand jobs:
 * <pre class="code">
 * int stored = jobQueue.delayableAll(exporter, invoiceIds, (e, id) -&gt; e.export(id))
 *     .channel("root.export")
 *     .priority(20)
 *     .delay();
 * </pre>
 */
public final class DelayableBatch {

	private final JobQueue queue;

	private final Clock clock;

	private final String function;

	private final List<Object[]> args;

	private JobOptions options = JobOptions.NONE;

	private String partitionKey;

	/**
	 * Create a batch. Applications get one from
	 * {@link JobQueue#delayableAll(Object, Iterable, java.util.function.BiConsumer)};
	 * this constructor is for {@link JobQueue} implementations (a test double, for
	 * example).
	 * @param queue the queue that {@link #delay()} stores the jobs with
	 * @param clock the clock that {@link #eta(Duration)} counts from
	 * @param function the job function's name, {@code null} only for no items
	 * @param args the arguments of each call (copied)
	 */
	public DelayableBatch(JobQueue queue, Clock clock, String function, List<Object[]> args) {
		this.queue = Objects.requireNonNull(queue, "queue must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		if (function == null && !args.isEmpty()) {
			throw new IllegalArgumentException("function must not be null for a batch of " + args.size() + " jobs");
		}
		this.function = function;
		this.args = args.stream().map(Object[]::clone).toList();
	}

	/**
	 * Set the priority of every job; smaller runs first.
	 * @param priority the priority, from {@value JobOptions#MIN_PRIORITY} to
	 * {@value JobOptions#MAX_PRIORITY}
	 * @return this batch
	 * @throws IllegalArgumentException if the priority is out of that range
	 */
	public DelayableBatch priority(int priority) {
		this.options = this.options.withPriority(priority);
		return this;
	}

	/**
	 * Do not run the jobs before an instant.
	 * @param eta the instant
	 * @return this batch
	 * @throws IllegalArgumentException if PostgreSQL does not store the instant (before
	 * 4714 BC or after 294276 AD)
	 */
	public DelayableBatch eta(Instant eta) {
		this.options = this.options.withEta(Objects.requireNonNull(eta, "eta must not be null"));
		return this;
	}

	/**
	 * Do not run the jobs before a delay has passed.
	 * @param delay the delay from now
	 * @return this batch
	 * @throws IllegalArgumentException if PostgreSQL does not store the instant it ends
	 */
	public DelayableBatch eta(Duration delay) {
		return eta(Etas.after(this.clock, delay));
	}

	/**
	 * Set the total tries allowed to each job; 0 means unlimited.
	 * @param maxRetries the maximum number of tries
	 * @return this batch
	 */
	public DelayableBatch maxRetries(int maxRetries) {
		this.options = this.options.withMaxRetries(maxRetries);
		return this;
	}

	/**
	 * Set how long a try of each job may run before the worker stops it, over the job
	 * function's timeout.
	 * @param timeout the timeout, positive
	 * @return this batch
	 * @throws IllegalArgumentException if the timeout is not positive
	 */
	public DelayableBatch timeout(Duration timeout) {
		this.options = this.options.withTimeout(Objects.requireNonNull(timeout, "timeout must not be null"));
		return this;
	}

	/**
	 * Set the description of every job.
	 * @param description the human description, not blank, without U+0000
	 * @return this batch
	 * @throws IllegalArgumentException for a blank description or one holding U+0000
	 */
	public DelayableBatch description(String description) {
		this.options = this.options.withDescription(description);
		return this;
	}

	/**
	 * Set the channel of every job.
	 * @param channel the channel name, with or without {@code root.}
	 * @return this batch
	 * @throws IllegalArgumentException for an invalid name, or one longer than 255
	 * characters with its {@code root.} prefix
	 */
	public DelayableBatch channel(String channel) {
		this.options = this.options.withChannel(channel);
		return this;
	}

	/**
	 * Give every job the {@link IdentityKey#EXACT exact} identity key: a job is not
	 * created while a job with the same function and arguments waits, nor twice for equal
	 * items of the batch. A literal key is refused: it would make the whole batch one
	 * job.
	 * @param identityKey {@link IdentityKey#EXACT}
	 * @return this batch
	 * @throws IllegalArgumentException for a literal key
	 */
	public DelayableBatch identityKey(IdentityKey identityKey) {
		if (!Objects.requireNonNull(identityKey, "identityKey must not be null").isExact()) {
			throw new IllegalArgumentException("A batch takes only IdentityKey.EXACT: the literal key " + identityKey
					+ " would make the whole batch one job; use delayable(…) per job for literal keys");
		}
		this.options = this.options.withIdentityKey(identityKey);
		return this;
	}

	/**
	 * Set the partition key of every job of the batch, over the job function's partition
	 * key expression: a channel with {@code per-key=N} runs at most N jobs of one key at
	 * once.
	 * @param partitionKey the key, at most 255 characters
	 * @return this batch
	 * @throws IllegalArgumentException for a blank key, one longer than 255 characters or
	 * holding U+0000
	 */
	public DelayableBatch partitionKey(String partitionKey) {
		this.partitionKey = Delayable.requireStorablePartitionKey(partitionKey);
		return this;
	}

	/**
	 * Store the jobs in the caller's transaction (or in a new one), all or none. Every
	 * argument is written before anything is stored. The runner is notified once, when
	 * the transaction commits. An argument must be written as JSON and read back as its
	 * parameter's type to the same JSON.
	 * @return how many jobs were created; with the exact identity key, jobs whose key a
	 * waiting job or an earlier item held are not counted
	 * @throws IllegalArgumentException naming the item and the parameter when an argument
	 * cannot be stored or does not come back as passed; nothing is stored then
	 */
	public int delay() {
		return this.queue.delay(this);
	}

	/**
	 * The job function's name.
	 * @return the name, {@code bean.method}, or {@code null} for a batch of no items
	 */
	public String function() {
		return this.function;
	}

	/**
	 * The arguments of each call.
	 * @return a copy of the arguments, one array per job
	 */
	public List<Object[]> arguments() {
		return this.args.stream().map(Object[]::clone).toList();
	}

	/**
	 * The options set on this batch; those left unset come from the job function, then
	 * from the defaults, when the jobs are stored.
	 * @return the options set here
	 */
	public JobOptions options() {
		return this.options;
	}

	/**
	 * Describe the batch.
	 * @return the function name and the number of jobs
	 */
	/**
	 * The partition key set on this batch.
	 * @return the key, or {@code null} when the job function's expression (if any) gives
	 * it
	 */
	public String partitionKey() {
		return this.partitionKey;
	}

	@Override
	public String toString() {
		return ((this.function != null) ? this.function : "no job") + " × " + this.args.size();
	}

}
