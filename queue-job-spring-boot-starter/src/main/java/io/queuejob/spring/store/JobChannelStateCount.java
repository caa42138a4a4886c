package io.queuejob.spring.store;

import io.queuejob.core.JobState;

/**
 * How many jobs of one channel are in one state.
 *
 * @param channel the full channel name
 * @param state the state
 * @param count the number of jobs
 */
public record JobChannelStateCount(String channel, JobState state, long count) {

}
