/**
 * The PostgreSQL store of queue-job: its schema and migration, the JDBC hot paths, and
 * the JPA model for reading and operating jobs.
 */
package io.queuejob.spring.store;
