package io.queuejob.spring.operations;

/**
 * A page of a job list to read: which jobs, in which order, how many, from where.
 *
 * @param filter which jobs
 * @param sort their order
 * @param limit the most jobs on the page, 1 to {@link JobOperations#MAX_PAGE_SIZE}
 * @param cursor the {@link JobPage#nextCursor() cursor} of the previous page, or
 * {@code null} for the first page
 */
public record JobQuery(JobFilter filter, JobSort sort, int limit, String cursor) {

	/**
	 * Check the limit and default the filter and sort.
	 * @throws InvalidJobQueryException if the limit is out of range
	 */
	public JobQuery {
		filter = (filter != null) ? filter : JobFilter.ALL;
		sort = (sort != null) ? sort : JobSort.NEWEST;
		if (limit < 1 || limit > JobOperations.MAX_PAGE_SIZE) {
			throw new InvalidJobQueryException("limit",
					"limit must be between 1 and " + JobOperations.MAX_PAGE_SIZE + ", got " + limit);
		}
	}

	/**
	 * The first page of the jobs matching a filter, newest first.
	 * @param filter which jobs
	 * @param limit the most jobs on the page
	 * @return the query
	 */
	public static JobQuery firstPage(JobFilter filter, int limit) {
		return new JobQuery(filter, JobSort.NEWEST, limit, null);
	}

	/**
	 * The next page after a page of this query.
	 * @param page the page read last
	 * @return the query of the next page, or {@code null} when that page was the last
	 */
	public JobQuery next(JobPage page) {
		return (page.nextCursor() != null) ? new JobQuery(this.filter, this.sort, this.limit, page.nextCursor()) : null;
	}

}
