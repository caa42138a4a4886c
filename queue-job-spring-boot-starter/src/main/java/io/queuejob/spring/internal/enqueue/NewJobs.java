package io.queuejob.spring.internal.enqueue;

import java.util.UUID;

import io.queuejob.core.IdentityKey;
import io.queuejob.core.JobOptions;
import io.queuejob.core.JobState;
import io.queuejob.core.StorageLimits;
import io.queuejob.core.channel.ChannelNames;
import io.queuejob.spring.CreatedByProvider;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.store.NewJob;

/**
 * Builds the rows of the jobs to store: options resolved over the function's and the
 * defaults, arguments written as JSON, identity key, description and "created by".
 */
final class NewJobs {

	private final JobArgumentCodec codec;

	private final CreatedByProvider createdBy;

	private EnqueueTracing tracing = EnqueueTracing.NONE;

	NewJobs(JobArgumentCodec codec, CreatedByProvider createdBy) {
		this.codec = codec;
		this.createdBy = createdBy;
	}

	void setTracing(EnqueueTracing tracing) {
		this.tracing = tracing;
	}

	/**
	 * The row of one call.
	 * @param call the call
	 * @param state the state to store the job in
	 * @param graphUuid the graph's uuid, {@code null} for a single job
	 * @return the row
	 * @throws IllegalArgumentException if an argument cannot be stored
	 */
	NewJob row(JobCall call, JobState state, UUID graphUuid) {
		JobFunction function = call.function();
		JobOptions options = resolve(call.options(), function);
		String args = this.codec.write(function.method(), call.args());
		String identityKey = null;
		IdentityKey key = options.identityKey();
		if (key != null) {
			identityKey = key.isExact() ? exactKey(function, args) : key.value();
		}
		String partitionKey = (call.partitionKey() != null) ? call.partitionKey() : partitionKey(function, call.args());
		return row(function, options, args, identityKey, state, graphUuid, partitionKey);
	}

	/**
	 * The partition key the function's expression gives for a call.
	 * @return the key, or {@code null} when the function has no expression
	 * @throws IllegalArgumentException when the expression fails or gives no key
	 */
	static String partitionKey(JobFunction function, Object[] args) {
		return (function.partitionKey() != null) ? function.partitionKey().evaluate(args) : null;
	}

	/**
	 * The row of a job of a batch, from the batch's template.
	 */
	NewJob row(JobFunction function, JobOptions options, String args, String identityKey, JobState state,
			UUID graphUuid, String partitionKey) {
		UUID uuid = UUID.randomUUID();
		String channel = ChannelNames.normalize(options.channel());
		String traceContext = this.tracing.enqueue(uuid, graphUuid, function.name(), channel);
		return row(uuid, function, options, channel, args, identityKey, state, graphUuid, partitionKey, traceContext);
	}

	/**
	 * The template of the pending rows of a batch stored in one statement, with the trace
	 * context of the batch's one observation.
	 * @param size how many jobs the batch has
	 */
	NewJob template(JobFunction function, JobOptions options, int size) {
		String channel = ChannelNames.normalize(options.channel());
		String traceContext = this.tracing.enqueueAll(function.name(), channel, size);
		return row(UUID.randomUUID(), function, options, channel, null, null, JobState.PENDING, null, null,
				traceContext);
	}

	private NewJob row(UUID uuid, JobFunction function, JobOptions options, String channel, String args,
			String identityKey, JobState state, UUID graphUuid, String partitionKey, String traceContext) {
		String description = (options.description() != null) ? options.description() : function.defaultDescription();
		return new NewJob(uuid, graphUuid, state, channel, options.priority(), options.eta(), options.maxRetries(),
				function.name(), args, description, identityKey, createdBy(), options.timeout(), traceContext,
				partitionKey);
	}

	/**
	 * The arguments of an item of a batch as JSON.
	 * @throws IllegalArgumentException naming the item when an argument cannot be stored
	 */
	String writeItem(JobFunction function, Object[] args, int index) {
		try {
			return this.codec.write(function.method(), args);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Item " + index + " of the batch: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Check that arguments can be stored.
	 * @throws IllegalArgumentException if one cannot
	 */
	void check(JobFunction function, Object[] args) {
		this.codec.write(function.method(), args);
	}

	String exactKey(JobFunction function, String argumentsJson) {
		return IdentityKey.exactHash(function.name(), this.codec.canonical(argumentsJson));
	}

	static JobOptions resolve(JobOptions options, JobFunction function) {
		return options.orElse(function.defaults()).orElse(JobOptions.DEFAULTS);
	}

	private String createdBy() {
		String name = this.createdBy.createdBy();
		return (name != null && name.length() > StorageLimits.MAX_NAME_LENGTH)
				? name.substring(0, StorageLimits.MAX_NAME_LENGTH) : name;
	}

}
