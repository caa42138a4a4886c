/**
 * A read-only view of the queue_job table over HTTP.
 */
package io.queuejob.sample.jobs;
