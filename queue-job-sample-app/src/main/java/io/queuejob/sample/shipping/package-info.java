/**
 * Shipping an order: a graph of jobs (a chain of groups, then a last job once all are
 * done) stored at once through the programmatic API, to be seen in the dashboard's graph
 * view.
 */
package io.queuejob.sample.shipping;
