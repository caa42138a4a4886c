/**
 * Tells people about failed jobs, from the job lifecycle events of queue-job.
 */
package io.queuejob.sample.notify;
