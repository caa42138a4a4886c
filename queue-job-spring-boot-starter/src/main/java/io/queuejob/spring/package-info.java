/**
 * The public API of queue-job for Spring: {@link io.queuejob.spring.QueueJob},
 * {@link io.queuejob.spring.JobQueue} and what they return.
 */
package io.queuejob.spring;
