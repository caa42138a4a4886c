/**
 * Recurring jobs: schedules that store a job of a job function at each occurrence of a
 * cron expression or a fixed rate or delay, and the API that creates, changes and lists
 * them at run time.
 */
package io.queuejob.spring.schedule;
