package io.queuejob.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.queuejob.spring.internal.enqueue.PreparedJob;
import io.queuejob.spring.internal.store.NewJob;

/**
 * A job that a {@link JobTrap} captured instead of storing: its function, arguments and
 * options resolved as they would have been stored.
 */
public final class TrappedJob {

	private final PreparedJob job;

	TrappedJob(PreparedJob job) {
		this.job = job;
	}

	/**
	 * The job function name, for example {@code mailer.send}.
	 * @return the function name
	 */
	public String function() {
		return row().jobFunction();
	}

	/**
	 * The arguments of the call, as passed.
	 * @return the arguments (unmodifiable; may hold {@code null})
	 */
	public List<Object> arguments() {
		return Collections.unmodifiableList(Arrays.asList(this.job.arguments()));
	}

	/**
	 * The arguments as the JSON array that would have been stored.
	 * @return the arguments' JSON
	 */
	public String argumentsJson() {
		return row().argumentsJson();
	}

	/**
	 * The priority; smaller runs first.
	 * @return the resolved priority
	 */
	public int priority() {
		return row().priority();
	}

	/**
	 * The instant before which the job would not run.
	 * @return the ETA, or {@code null}
	 */
	public Instant eta() {
		return row().eta();
	}

	/**
	 * The total tries allowed; 0 means unlimited.
	 * @return the resolved maximum number of tries
	 */
	public int maxRetries() {
		return row().maxRetries();
	}

	/**
	 * The full channel name, for example {@code root.mail}.
	 * @return the resolved channel
	 */
	public String channel() {
		return row().channel();
	}

	/**
	 * The human description.
	 * @return the resolved description
	 */
	public String description() {
		return row().description();
	}

	/**
	 * The identity key, resolved as it would be stored ({@code exact} becomes a hash).
	 * @return the key, or {@code null}
	 */
	public String identityKey() {
		return row().identityKey();
	}

	/**
	 * The uuid shared by the jobs of the graph this job was enqueued in.
	 * @return the graph uuid, or {@code null} for a single job
	 */
	public UUID graphUuid() {
		return row().graphUuid();
	}

	/**
	 * Who enqueued the job, as it would be stored.
	 * @return the name (with Spring Security, of the authenticated user), or {@code null}
	 */
	public String createdBy() {
		return row().createdBy();
	}

	/**
	 * The job's partition key, which per-key channel limits count.
	 * @return the key, or {@code null}
	 */
	public String partitionKey() {
		return row().partitionKey();
	}

	/**
	 * How long a try of the job may run, resolved as it would be stored.
	 * @return the timeout, or {@code null} for no limit
	 */
	public Duration timeout() {
		return row().timeout();
	}

	/**
	 * The jobs of the same graph that this one waits for.
	 * @return the function names and arguments of its parents
	 */
	public List<String> dependsOn() {
		return this.job.parents().stream().map(PreparedJob::toString).toList();
	}

	void run() {
		this.job.run();
	}

	private NewJob row() {
		return this.job.row();
	}

	/**
	 * Describe the job with every option.
	 * @return for example {@code mailer.send(["a@b.c"]) {priority=10, eta=none,
	 * maxRetries=5, channel=root, description=Mailer.send, identityKey=none}}
	 */
	@Override
	public String toString() {
		return function() + "(" + stripBrackets(argumentsJson()) + ") {priority=" + priority() + ", eta="
				+ orNone(eta()) + ", maxRetries=" + maxRetries() + ", channel=" + channel() + ", description="
				+ description() + ", identityKey=" + orNone(identityKey())
				+ (dependsOn().isEmpty() ? "" : ", dependsOn=" + dependsOn()) + "}";
	}

	static String stripBrackets(String json) {
		return json.substring(1, json.length() - 1);
	}

	private static Object orNone(Object value) {
		return (value != null) ? value : "none";
	}

}
