/**
 * Benchmarks of queue-job: the workloads of the performance issue and a hand-written
 * reference queue, against the local PostgreSQL.
 */
package io.queuejob.bench;
