/**
 * Publishes the job lifecycle events of io.queuejob.spring.event after each change is
 * committed.
 */
package io.queuejob.spring.internal.event;
