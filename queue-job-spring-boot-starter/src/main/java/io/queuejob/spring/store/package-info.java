/**
 * The PostgreSQL store of queue-job: its schema and migration.
 */
package io.queuejob.spring.store;
