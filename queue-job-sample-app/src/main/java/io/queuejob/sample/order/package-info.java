/**
 * Orders: the entity, its repository, the service that places an order and enqueues its
 * jobs, and the REST endpoints.
 */
package io.queuejob.sample.order;
