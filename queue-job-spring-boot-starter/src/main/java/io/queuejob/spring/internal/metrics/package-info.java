/**
 * Micrometer metrics of queue-job: jobs enqueued, started and ended, execution times, the
 * backlog of each channel and the runner's rounds.
 */
package io.queuejob.spring.internal.metrics;
