package io.queuejob.spring.internal.observation;

import java.util.Map;

import io.micrometer.observation.Observation;

/**
 * The context of a job's {@code queue.job.execution} observation when its span starts a
 * new trace that links to the enqueuing span, rather than continuing the enqueuer's
 * trace. It carries the trace context stored with the job, the propagation headers of the
 * enqueuing span, for the tracing handler that makes the link. A handler that does not
 * know this type treats it as a plain context: a new trace without a link.
 */
public final class LinkedExecutionContext extends Observation.Context {

	private final Map<String, String> origin;

	/**
	 * Create a context.
	 * @param origin the propagation headers of the enqueuing span, empty when the job
	 * stored none
	 */
	public LinkedExecutionContext(Map<String, String> origin) {
		this.origin = Map.copyOf(origin);
	}

	/**
	 * The propagation headers of the enqueuing span.
	 * @return the headers, empty when the job stored none
	 */
	public Map<String, String> getOrigin() {
		return this.origin;
	}

}
