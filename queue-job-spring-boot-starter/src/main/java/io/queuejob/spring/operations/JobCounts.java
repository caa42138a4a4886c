package io.queuejob.spring.operations;

import java.util.Map;
import java.util.Set;

import io.queuejob.core.JobState;

/**
 * How many jobs match a filter, per state, counted up to a cap.
 *
 * @param counts the number of jobs of every state, at most
 * {@link JobOperations#COUNT_CAP}
 * @param capped the states that have more jobs than the cap
 */
public record JobCounts(Map<JobState, Long> counts, Set<JobState> capped) {

}
