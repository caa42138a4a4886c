/**
 * The Actuator health indicator of queue-job.
 */
package io.queuejob.spring.internal.health;
