package io.queuejob.spring.internal.runner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.queuejob.spring.internal.store.ClaimedJob;
import io.queuejob.spring.internal.store.WorkerStore;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes the moves to {@code done} that happen outside a job's transaction, several in
 * one transaction (a group commit): the worker threads that finish while one of them
 * writes queue their job, and the next writer writes them all at once. Every thread
 * returns once its own job is written, so a job leaves its worker thread only when its
 * outcome is stored, as when written alone.
 */
final class DoneBatch {

	private static final int MAX_BATCH = 500;

	private static final long RECHECK_MILLIS = 2;

	private final WorkerStore store;

	private final TransactionOperations transaction;

	private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();

	private final ReentrantLock writing = new ReentrantLock();

	DoneBatch(WorkerStore store, TransactionOperations transaction) {
		this.store = store;
		this.transaction = transaction;
	}

	/**
	 * Mark a claimed job done, with the release of its dependents, together with the jobs
	 * other threads finish meanwhile.
	 * @param job the job, as claimed
	 * @param result the result text, or {@code null}
	 * @return {@code false} if the job is no longer this worker's try
	 */
	boolean markDone(ClaimedJob job, String result) {
		Entry entry = new Entry(job, result);
		this.queue.add(entry);
		boolean interrupted = false;
		while (!entry.isWritten()) {
			if (interrupted) {
				this.writing.lock();
			}
			else if (!this.writing.tryLock()) {
				try {
					entry.written.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				continue;
			}
			try {
				writeQueued();
			}
			finally {
				this.writing.unlock();
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return entry.outcome();
	}

	private void writeQueued() {
		List<Entry> batch = new ArrayList<>();
		for (Entry next = this.queue.poll(); next != null; next = this.queue.poll()) {
			batch.add(next);
			if (batch.size() == MAX_BATCH) {
				write(batch);
				batch = new ArrayList<>();
			}
		}
		if (!batch.isEmpty()) {
			write(batch);
		}
	}

	private void write(List<Entry> batch) {
		List<ClaimedJob> jobs = batch.stream().map(Entry::job).toList();
		List<String> results = batch.stream().map(Entry::result).toList();
		try {
			Set<Long> done = new HashSet<>();
			DatabaseFailures.persist(() -> {
				done.clear();
				Set<Long> written = this.transaction.execute((status) -> this.store.markAllDone(jobs, results));
				if (written != null) {
					done.addAll(written);
				}
				return true;
			});
			batch.forEach((entry) -> entry.settle(done.contains(entry.job().id()), null));
		}
		catch (RuntimeException ex) {
			batch.forEach((entry) -> entry.settle(false, ex));
		}
	}

	/**
	 * A job waiting for its move to done to be written.
	 */
	private static final class Entry {

		private final ClaimedJob job;

		private final String result;

		private final CountDownLatch written = new CountDownLatch(1);

		private volatile boolean done;

		private volatile RuntimeException failure;

		Entry(ClaimedJob job, String result) {
			this.job = job;
			this.result = result;
		}

		ClaimedJob job() {
			return this.job;
		}

		String result() {
			return this.result;
		}

		void settle(boolean done, RuntimeException failure) {
			this.done = done;
			this.failure = failure;
			this.written.countDown();
		}

		boolean isWritten() {
			return this.written.getCount() == 0;
		}

		boolean outcome() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.done;
		}

	}

}
