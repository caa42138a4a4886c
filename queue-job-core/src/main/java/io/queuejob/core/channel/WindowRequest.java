package io.queuejob.core.channel;

/**
 * How many pending jobs of one channel the runner must load for a scheduling round.
 *
 * @param limit the most jobs the channel can start this round; 0 means load nothing
 * @param includeNotDue whether jobs whose eta has not passed must be included: a
 * sequential channel keeps strict order, so a job that is not due yet blocks the jobs
 * behind it
 */
public record WindowRequest(int limit, boolean includeNotDue) {

}
