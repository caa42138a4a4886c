/**
 * A small order application that shows queue-job at work: jobs enqueued with orders, a
 * retried mail, a sequential export, a delayed job with per-call options, a failing audit
 * and a shipment stored as a graph of jobs.
 */
package io.queuejob.sample;
