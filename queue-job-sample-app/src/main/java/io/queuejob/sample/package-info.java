/**
 * A small order application that shows queue-job at work: jobs enqueued with orders, a
 * retried mail, a sequential export, a delayed job with per-call options and a failing
 * audit.
 */
package io.queuejob.sample;
