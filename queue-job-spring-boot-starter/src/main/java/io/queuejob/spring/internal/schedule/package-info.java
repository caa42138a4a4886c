/**
 * Recurring jobs: the timing of schedules, their materialisation on the runner's node,
 * their declarations and the programmatic API. Internal.
 */
package io.queuejob.spring.internal.schedule;
