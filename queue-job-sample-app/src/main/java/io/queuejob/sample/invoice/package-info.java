/**
 * Invoices, written by a transactional job on a sequential channel.
 */
package io.queuejob.sample.invoice;
