/**
 * A recurring job: the nightly report of the orders of the day before.
 */
package io.queuejob.sample.report;
