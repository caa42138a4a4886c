/**
 * Job dependency graphs: jobs, chains and groups linked with {@code onDone}, merged into
 * one validated, topologically ordered {@link io.queuejob.core.graph.JobGraph}.
 */
package io.queuejob.core.graph;
