package io.queuejob.spring.internal.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.JobProgressStore;
import io.queuejob.spring.internal.store.JobProgressStore.Report;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes the progress the jobs of this node report, in the background: a job's report
 * only replaces its previous one in memory, and a thread of its own writes the latest
 * report of every job that reported once a second, in one statement for them all. When a
 * try ends, its last report not written yet is written on the worker's thread. Jobs that
 * report nothing cost nothing.
 */
public final class JobProgressWriter extends ThreadLoop {

	/** The time between two writes of the same job's progress. */
	static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(JobProgressWriter.class);

	private final JobProgressStore store;

	private final Map<Long, Report> latest = new ConcurrentHashMap<>();

	// keeps an older report of a job from being written after a newer one
	private final ReentrantLock writing = new ReentrantLock();

	/**
	 * Create the writer.
	 * @param store the progress store
	 */
	public JobProgressWriter(JobProgressStore store) {
		super(JobWorkers.PHASE - 1, "queue-job-progress", false);
		this.store = store;
	}

	/**
	 * Keep a job's latest progress, to be written within a second.
	 * @param job the job, as claimed
	 * @param percent how much is done
	 * @param message what it did, or {@code null}
	 */
	void report(ClaimedJob job, int percent, String message) {
		this.latest.put(job.id(), new Report(job, percent, message));

	}

	/**
	 * Write a try's last progress, if it reported some that is not written yet.
	 * @param job the job whose try ended
	 */
	void finish(ClaimedJob job) {
		if (!this.latest.containsKey(job.id())) {
			return;
		}
		this.writing.lock();
		try {
			Report report = this.latest.remove(job.id());
			if (report != null) {
				this.store.write(List.of(report));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("queue-job could not write the progress of job " + job.uuid(), ex);
		}
		finally {
			this.writing.unlock();
		}
	}

	@Override
	void loop() {
		while (this.running) {
			try {
				this.signal.await(INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			writeAll();
		}
		writeAll();
	}

	/**
	 * Write the latest report of every job that reported since the last write.
	 */
	void writeAll() {
		if (this.latest.isEmpty()) {
			return;
		}
		this.writing.lock();
		try {
			List<Report> reports = new ArrayList<>();
			for (Long id : List.copyOf(this.latest.keySet())) {
				Report report = this.latest.remove(id);
				if (report != null) {
					reports.add(report);
				}
			}
			this.store.write(reports);
		}
		catch (RuntimeException ex) {
			logger.debug("queue-job could not write the jobs' progress; their next reports are written", ex);
		}
		finally {
			this.writing.unlock();
		}
	}

}
