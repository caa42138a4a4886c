/**
 * A host application's own JPA entity and repository, for tests of the starter beside
 * them.
 */
package io.queuejob.spring.autoconfigure.jpahost;
