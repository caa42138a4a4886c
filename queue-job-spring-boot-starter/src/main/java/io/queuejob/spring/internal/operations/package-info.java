/**
 * The JDBC implementation of JobOperations, its queries and guarded actions, the node
 * registry and the Actuator endpoint.
 */
package io.queuejob.spring.internal.operations;
