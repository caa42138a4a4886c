package io.queuejob.spring.internal.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.queuejob.spring.internal.enqueue.EnqueueTracing;
import io.queuejob.spring.internal.runner.JobExecutionScope;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.store.ClaimedJob;
import org.slf4j.MDC;

/**
 * One {@code queue.job.enqueue} observation per job enqueued (one per batch of
 * {@code delayableAll}, its size as {@code batch.size}), in the caller's thread and
 * context (such as the span of the request that enqueues), and one
 * {@code queue.job.execution} observation per try a worker runs, open while the job
 * method runs and until its outcome is written. Low-cardinality keys: the function, the
 * channel and the outcome; high-cardinality: the job's uuid, its graph's uuid and the
 * try.
 * <p>
 * The enqueue is a sender observation: with Micrometer Tracing, its propagating handler
 * writes the trace context into a carrier, which is stored with the job (at most
 * {@value #MAX_TRACE_CONTEXT_LENGTH} characters, else nothing); every try of the job, on
 * whichever node, is a receiver observation of that carrier, so its span continues the
 * enqueuing trace. Created to {@linkplain #JobObservations(ObservationRegistry, boolean)
 * link} instead, every try is a {@link LinkedExecutionContext}: a tracing handler that
 * knows it starts a new trace whose span links to the enqueuing span. Without tracing the
 * carrier stays empty and nothing is stored. While a job runs, the logging MDC holds its
 * uuid ({@value #MDC_UUID}) and function ({@value #MDC_FUNCTION}).
 */
public final class JobObservations implements EnqueueTracing, JobExecutionScope, JobLifecycleObserver {

	/** The most characters of trace context stored with a job, its column's size. */
	public static final int MAX_TRACE_CONTEXT_LENGTH = 512;

	/** The name of the enqueue observations. */
	public static final String ENQUEUE = "queue.job.enqueue";

	/** The name of the execution observations. */
	public static final String EXECUTION = "queue.job.execution";

	/** The MDC key of the running job's uuid. */
	public static final String MDC_UUID = "queueJob.uuid";

	/** The MDC key of the running job's function. */
	public static final String MDC_FUNCTION = "queueJob.function";

	private static final ThreadLocal<String> OUTCOME = new ThreadLocal<>();

	private final ObservationRegistry registry;

	private final boolean link;

	/**
	 * Create the observations, each try continuing the enqueuer's trace.
	 * @param registry where they are made
	 */
	public JobObservations(ObservationRegistry registry) {
		this(registry, false);
	}

	/**
	 * Create the observations.
	 * @param registry where they are made
	 * @param link whether each try starts a new trace linked to the enqueuing span,
	 * rather than continuing the enqueuer's trace
	 */
	public JobObservations(ObservationRegistry registry, boolean link) {
		this.registry = registry;
		this.link = link;
	}

	@Override
	public String enqueue(UUID uuid, UUID graphUuid, String function, String channel) {
		return observeEnqueue(function, channel, KeyValues.of("job.uuid", uuid.toString(), "graph.uuid",
				(graphUuid != null) ? graphUuid.toString() : "none"));
	}

	@Override
	public String enqueueAll(String function, String channel, int size) {
		return observeEnqueue(function, channel,
				KeyValues.of("job.uuid", "none", "graph.uuid", "none", "batch.size", String.valueOf(size)));
	}

	private String observeEnqueue(String function, String channel, KeyValues highCardinality) {
		SenderContext<Map<String, String>> context = new SenderContext<>(Map::put);
		Map<String, String> carrier = new LinkedHashMap<>();
		context.setCarrier(carrier);
		Observation.createNotStarted(ENQUEUE, () -> context, this.registry)
			.contextualName("enqueue " + function)
			.lowCardinalityKeyValue("function", function)
			.lowCardinalityKeyValue("channel", channel)
			.lowCardinalityKeyValue("outcome", "created")
			.highCardinalityKeyValues(highCardinality)
			.observe(() -> {
			});
		return TraceCarrier.write(carrier, MAX_TRACE_CONTEXT_LENGTH);
	}

	@Override
	public Opened open(ClaimedJob job) {
		MDC.put(MDC_UUID, job.uuid().toString());
		MDC.put(MDC_FUNCTION, job.jobFunction());
		OUTCOME.remove();
		Observation.Context context = executionContext(job.traceContext());
		Observation observation = Observation.createNotStarted(EXECUTION, () -> context, this.registry)
			.contextualName("run " + job.jobFunction())
			.lowCardinalityKeyValue("function", job.jobFunction())
			.lowCardinalityKeyValue("channel", job.channel())
			.highCardinalityKeyValue("job.uuid", job.uuid().toString())
			.highCardinalityKeyValue("try", String.valueOf(job.retry()))
			.start();
		Observation.Scope scope = observation.openScope();
		return () -> {
			String outcome = OUTCOME.get();
			OUTCOME.remove();
			observation.lowCardinalityKeyValue("outcome", (outcome != null) ? outcome : "lost");
			scope.close();
			observation.stop();
			MDC.remove(MDC_UUID);
			MDC.remove(MDC_FUNCTION);
		};
	}

	private Observation.Context executionContext(String traceContext) {
		Map<String, String> origin = TraceCarrier.read(traceContext);
		if (this.link) {
			return new LinkedExecutionContext(origin);
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
		context.setCarrier(origin);
		return context;
	}

	@Override
	public void done(ClaimedJob job, Duration executionTime) {
		OUTCOME.set("done");
	}

	@Override
	public void retried(ClaimedJob job, Instant eta, int retry, String excName, String excMessage,
			Duration executionTime) {
		OUTCOME.set("retried");
	}

	@Override
	public void superseded(ClaimedJob job, Duration executionTime) {
		OUTCOME.set("superseded");
	}

	@Override
	public void failed(ClaimedJob job, String excName, String excMessage, Duration executionTime) {
		OUTCOME.set("failed");
	}

}
