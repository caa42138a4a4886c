package io.queuejob.spring.store;

import io.queuejob.core.JobState;

/**
 * How many jobs are in one state.
 *
 * @param state the state
 * @param count the number of jobs
 */
public record JobStateCount(JobState state, long count) {

}
