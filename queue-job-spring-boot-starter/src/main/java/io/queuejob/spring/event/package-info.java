/**
 * Spring application events for the lifecycle of jobs, published after each change is
 * committed: listen to {@link io.queuejob.spring.event.JobFailedEvent} to tell people
 * about failures.
 */
package io.queuejob.spring.event;
