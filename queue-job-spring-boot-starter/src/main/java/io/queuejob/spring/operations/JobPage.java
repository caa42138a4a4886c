package io.queuejob.spring.operations;

import java.util.List;

/**
 * One page of a job list.
 *
 * @param jobs the jobs of the page, in the requested order
 * @param nextCursor the cursor of the next page, or {@code null} when this page is the
 * last
 */
public record JobPage(List<JobSummary> jobs, String nextCursor) {

}
