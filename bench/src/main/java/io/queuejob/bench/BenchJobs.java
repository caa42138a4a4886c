package io.queuejob.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.queuejob.spring.QueueJob;

/**
 * The no-op jobs of the benchmarks. Each counts its invocations per job number, so that
 * every run can check that each job ran exactly once.
 */
public class BenchJobs {

	private static volatile AtomicIntegerArray invocations = new AtomicIntegerArray(0);

	private static final AtomicInteger total = new AtomicInteger();

	/**
	 * Forget the counts and prepare for jobs numbered from 0 to {@code jobs - 1}.
	 * @param jobs how many jobs the next run has
	 */
	static void reset(int jobs) {
		invocations = new AtomicIntegerArray(jobs);
		total.set(0);
	}

	/**
	 * How many jobs ran so far, counting repeated runs.
	 * @return the number of invocations
	 */
	static int total() {
		return total.get();
	}

	/**
	 * Check that jobs 0 to {@code jobs - 1} ran exactly once and no job ran twice.
	 * @param jobs how many jobs must have run (the first ones)
	 * @return a problem, or {@code null}
	 */
	static String checkExactlyOnce(int jobs) {
		AtomicIntegerArray counts = invocations;
		int missing = 0;
		int repeated = 0;
		for (int i = 0; i < counts.length(); i++) {
			int count = counts.get(i);
			if (count > 1) {
				repeated++;
			}
			if (i < jobs && count == 0) {
				missing++;
			}
		}
		return (missing == 0 && repeated == 0) ? null : missing + " job(s) never ran, " + repeated + " ran twice";
	}

	/**
	 * A transactional no-op job.
	 * @param n the job number
	 */
	@QueueJob(transactional = true)
	public void tx(int n) {
		ran(n);
	}

	/**
	 * A non-transactional no-op job.
	 * @param n the job number
	 */
	@QueueJob(transactional = false)
	public void plain(int n) {
		ran(n);
	}

	private static void ran(int n) {
		invocations.incrementAndGet(n);
		total.incrementAndGet();
	}

}
