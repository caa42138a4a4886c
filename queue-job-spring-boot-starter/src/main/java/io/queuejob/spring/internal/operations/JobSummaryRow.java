package io.queuejob.spring.internal.operations;

import io.queuejob.spring.operations.JobSummary;

/**
 * A job of a list with its database id, which pages need.
 */
record JobSummaryRow(JobSummary summary, long id) {

}
