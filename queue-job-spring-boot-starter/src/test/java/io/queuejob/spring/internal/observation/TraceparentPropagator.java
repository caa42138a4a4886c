package io.queuejob.spring.internal.observation;

import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * A W3C {@code traceparent} propagator for Micrometer Tracing's test tracer, which has
 * none of its own.
 */
class TraceparentPropagator implements Propagator {

	private final Tracer tracer;

	TraceparentPropagator(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public List<String> fields() {
		return List.of("traceparent");
	}

	@Override
	public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
		setter.set(carrier, "traceparent", "00-" + context.traceId() + "-" + context.spanId() + "-01");
	}

	@Override
	public <C> Span.Builder extract(C carrier, Getter<C> getter) {
		String traceparent = getter.get(carrier, "traceparent");
		if (traceparent == null) {
			return this.tracer.spanBuilder();
		}
		String[] parts = traceparent.split("-");
		return this.tracer.spanBuilder()
			.setParent(this.tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2]).sampled(true).build());
	}

}
