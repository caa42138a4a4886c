/**
 * Helpers for an application's own tests: {@link io.queuejob.spring.test.JobTrap}
 * captures the jobs a test enqueues instead of storing them.
 */
package io.queuejob.spring.test;
