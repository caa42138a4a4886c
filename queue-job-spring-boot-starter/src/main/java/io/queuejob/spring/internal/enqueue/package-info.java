/**
 * Storing jobs: the JobQueue implementation, the recording of bean method calls, and the
 * insertion of jobs, graphs and batches with one notification per transaction.
 */
package io.queuejob.spring.internal.enqueue;
