/**
 * The read model of queue-job's jobs for application code: the JPA entity
 * {@link io.queuejob.spring.store.JobEntity}, its Spring Data repository
 * {@link io.queuejob.spring.store.JobRepository} and the
 * {@link io.queuejob.spring.store.JobSpecifications} to filter it. State changes go
 * through {@link io.queuejob.spring.operations.JobOperations}, never through the entity.
 */
package io.queuejob.spring.store;
