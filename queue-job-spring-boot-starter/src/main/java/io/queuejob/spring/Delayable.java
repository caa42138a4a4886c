package io.queuejob.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.queuejob.core.IdentityKey;
import io.queuejob.core.JobOptions;
import io.queuejob.core.StorageLimits;
import io.queuejob.core.graph.GraphElement;
import io.queuejob.core.graph.JobNode;

/**
 * A prepared job: a recorded bean method call with per-call options. Options set here win
 * over the function's. {@link #delay()} stores it.
 * <p>
 * Jobs compose into graphs with {@link #onDone}, {@link io.queuejob.core.graph.Chain} and
 * {@link io.queuejob.core.graph.Group}; {@code delay()} on the top-most node stores the
 * whole graph in one transaction.
 */
public final class Delayable extends JobNode {

	private final JobQueue queue;

	private final Clock clock;

	private final String function;

	private final Object[] args;

	private JobOptions options = JobOptions.NONE;

	private String partitionKey;

	/**
	 * Create a prepared job. Applications get one from
	 * {@link JobQueue#delayable(Object, java.util.function.Consumer)}; this constructor
	 * is for {@link JobQueue} implementations (a test double, for example).
	 * @param queue the queue that {@link #delay()} stores the job with
	 * @param clock the clock that {@link #eta(Duration)} counts from
	 * @param function the job function's name
	 * @param args the call's arguments (copied)
	 */
	public Delayable(JobQueue queue, Clock clock, String function, Object[] args) {
		this.queue = Objects.requireNonNull(queue, "queue must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.function = Objects.requireNonNull(function, "function must not be null");
		this.args = args.clone();
	}

	/**
	 * Set the priority; smaller runs first.
	 * @param priority the priority, from {@value JobOptions#MIN_PRIORITY} to
	 * {@value JobOptions#MAX_PRIORITY}
	 * @return this job
	 * @throws IllegalArgumentException if the priority is out of that range
	 */
	public Delayable priority(int priority) {
		this.options = this.options.withPriority(priority);
		return this;
	}

	/**
	 * Do not run the job before an instant.
	 * @param eta the instant
	 * @return this job
	 * @throws IllegalArgumentException if PostgreSQL does not store the instant (before
	 * 4714 BC or after 294276 AD)
	 */
	public Delayable eta(Instant eta) {
		this.options = this.options.withEta(Objects.requireNonNull(eta, "eta must not be null"));
		return this;
	}

	/**
	 * Do not run the job before a delay has passed.
	 * @param delay the delay from now
	 * @return this job
	 * @throws IllegalArgumentException if PostgreSQL does not store the instant it ends
	 */
	public Delayable eta(Duration delay) {
		return eta(Etas.after(this.clock, delay));
	}

	/**
	 * Set the total tries allowed; 0 means unlimited.
	 * @param maxRetries the maximum number of tries
	 * @return this job
	 */
	public Delayable maxRetries(int maxRetries) {
		this.options = this.options.withMaxRetries(maxRetries);
		return this;
	}

	/**
	 * Set how long a try may run before the worker stops it, over the job function's
	 * timeout.
	 * @param timeout the timeout, positive
	 * @return this job
	 * @throws IllegalArgumentException if the timeout is not positive
	 */
	public Delayable timeout(Duration timeout) {
		this.options = this.options.withTimeout(Objects.requireNonNull(timeout, "timeout must not be null"));
		return this;
	}

	/**
	 * Set the description.
	 * @param description the human description, not blank, without U+0000
	 * @return this job
	 * @throws IllegalArgumentException for a blank description or one holding U+0000
	 */
	public Delayable description(String description) {
		this.options = this.options.withDescription(description);
		return this;
	}

	/**
	 * Set the channel.
	 * @param channel the channel name, with or without {@code root.}
	 * @return this job
	 * @throws IllegalArgumentException for an invalid name, or one longer than 255
	 * characters with its {@code root.} prefix
	 */
	public Delayable channel(String channel) {
		this.options = this.options.withChannel(channel);
		return this;
	}

	/**
	 * Set the identity key: while a job with the same key waits, no new one is created.
	 * @param identityKey the key, or {@link IdentityKey#EXACT}
	 * @return this job
	 */
	public Delayable identityKey(IdentityKey identityKey) {
		this.options = this.options.withIdentityKey(identityKey);
		return this;
	}

	/**
	 * Set a string identity key.
	 * @param identityKey the key, at most 255 characters
	 * @return this job
	 * @throws IllegalArgumentException for a blank key, one longer than its column or
	 * holding U+0000
	 */
	public Delayable identityKey(String identityKey) {
		return identityKey(IdentityKey.of(identityKey));
	}

	/**
	 * Set the partition key, over the job function's partition key expression: a channel
	 * with {@code per-key=N} runs at most N jobs of one key at once.
	 * @param partitionKey the key, at most 255 characters
	 * @return this job
	 * @throws IllegalArgumentException for a blank key, one longer than 255 characters or
	 * holding U+0000
	 */
	public Delayable partitionKey(String partitionKey) {
		this.partitionKey = requireStorablePartitionKey(partitionKey);
		return this;
	}

	static String requireStorablePartitionKey(String partitionKey) {
		if (partitionKey == null || partitionKey.isBlank()) {
			throw new IllegalArgumentException("Partition key must not be blank, got '" + partitionKey + "'");
		}
		StorageLimits.requireStorableText("partitionKey", partitionKey, StorageLimits.MAX_NAME_LENGTH);
		return partitionKey;
	}

	@Override
	public Delayable onDone(GraphElement... next) {
		super.onDone(next);
		return this;
	}

	/**
	 * Store this job, and every job of the graph that follows it, in the caller's
	 * transaction.
	 * <p>
	 * A job with an identity key that a waiting job ({@code wait_dependencies},
	 * {@code pending} or {@code enqueued}) already holds is not created: the waiting job
	 * is returned instead. In a graph, the other jobs are still created, and the waiting
	 * job takes the place of the keyed node: it gains that node's dependencies, moves to
	 * {@code wait_dependencies} if the node has parents in the graph, and joins the graph
	 * (keeping its graph uuid if it already had one). It stays locked until the caller's
	 * transaction ends, so that it cannot start or finish before its new dependencies
	 * exist. The {@link IdentityKey#EXACT exact} key hashes the function name and the
	 * canonical JSON of the arguments (object members sorted), so equal arguments give
	 * equal keys whatever the order of their maps.
	 * <p>
	 * Every argument of every job of the graph is checked first: it must be written as
	 * JSON and read back as its parameter's type to the same JSON.
	 * @return a reference to this job (or to the waiting job with the same identity key)
	 * @throws IllegalArgumentException naming the job's parameter and the reason when an
	 * argument cannot be stored or does not come back as passed; nothing is stored then
	 */
	public JobRef delay() {
		return this.queue.delay(this).get(this);
	}

	/**
	 * The job function's name.
	 * @return the name, {@code bean.method}
	 */
	public String function() {
		return this.function;
	}

	/**
	 * The call's arguments.
	 * @return a copy of the arguments
	 */
	public Object[] arguments() {
		return this.args.clone();
	}

	/**
	 * The options set on this job; those left unset come from the job function, then from
	 * the defaults, when the job is stored.
	 * @return the options set here
	 */
	public JobOptions options() {
		return this.options;
	}

	/**
	 * The partition key set on this job.
	 * @return the key, or {@code null} when the job function's expression (if any) gives
	 * it
	 */
	public String partitionKey() {
		return this.partitionKey;
	}

	@Override
	public String toString() {
		return this.function;
	}

}
