/**
 * The PostgreSQL store of queue-job: its schema and migration, the JDBC hot paths as one
 * store per role ({@link io.queuejob.spring.store.JobStores}), and the JPA model for
 * reading and operating jobs.
 */
package io.queuejob.spring.store;
