package io.queuejob.spring.internal.tracing;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.queuejob.spring.internal.observation.LinkedExecutionContext;

/**
 * The tracing handler of a job's tries when they link to the enqueuing span: each try's
 * span is the root of a new trace, with a link to the span whose context the job stored.
 * Every try of a job, on whichever node, links to the same span. A job that stored no
 * context, or one the propagator cannot read, gets a span without a link.
 * <p>
 * Micrometer Tracing's propagator reads a context only into a span builder, so the
 * enqueuing span's context is read from a child span started from that builder and
 * abandoned at once, never reported: its trace id and parent id are the enqueuing span's.
 * <p>
 * It must come before the application's other tracing handlers, which would otherwise
 * make a plain span of these contexts: Spring Boot orders the tracing handler beans, and
 * {@link #ORDER} is before those it defines.
 */
public final class ExecutionLinkHandler implements TracingObservationHandler<LinkedExecutionContext> {

	/**
	 * The order of the handler's bean, before Spring Boot's propagating tracing handlers
	 * (1000 and 2000) and its default one.
	 */
	public static final int ORDER = 500;

	private final Tracer tracer;

	private final Propagator propagator;

	/**
	 * Create a handler.
	 * @param tracer the tracer of the spans
	 * @param propagator the propagator that wrote the stored trace contexts
	 */
	public ExecutionLinkHandler(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public void onStart(LinkedExecutionContext context) {
		Span.Builder builder = this.tracer.spanBuilder()
			.setNoParent()
			.kind(Span.Kind.CONSUMER)
			.name(getSpanName(context));
		TraceContext origin = origin(context.getOrigin());
		if (origin != null) {
			builder.addLink(new Link(origin));
		}
		getTracingContext(context).setSpan(builder.start());
	}

	@Override
	public void onStop(LinkedExecutionContext context) {
		Span span = getRequiredSpan(context);
		span.name(getSpanName(context));
		tagSpan(context, span);
		endSpan(context, span);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof LinkedExecutionContext;
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

	private TraceContext origin(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return null;
		}
		Span probe = this.propagator.extract(headers, Map::get).start();
		TraceContext child = probe.context();
		probe.abandon();
		if (child.parentId() == null) {
			return null;
		}
		return this.tracer.traceContextBuilder()
			.traceId(child.traceId())
			.spanId(child.parentId())
			.sampled(child.sampled())
			.build();
	}

}
