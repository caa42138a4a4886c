/**
 * The PostgreSQL store: one store per role (enqueue, runner, workers, rescue, vacuum) on
 * JDBC with their SQL, the schema migration and the JPA mapping contributor.
 */
package io.queuejob.spring.internal.store;
