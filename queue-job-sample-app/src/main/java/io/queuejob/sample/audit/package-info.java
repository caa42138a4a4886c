/**
 * An audit job that always fails, to show a failed job with its stored exception.
 */
package io.queuejob.sample.audit;
