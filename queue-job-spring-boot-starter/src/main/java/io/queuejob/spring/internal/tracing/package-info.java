/**
 * What queue-job does with Micrometer Tracing itself, an optional dependency: the link
 * from a try's span to the enqueuing span. The only package of the starter that uses
 * Micrometer Tracing; its configuration applies only when Micrometer Tracing is on the
 * class path and the application has a tracer.
 */
package io.queuejob.spring.internal.tracing;
