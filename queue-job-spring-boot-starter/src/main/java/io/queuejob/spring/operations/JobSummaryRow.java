package io.queuejob.spring.operations;

/**
 * A job of a list with its database id, which pages need.
 */
record JobSummaryRow(JobSummary summary, long id) {

}
