package io.queuejob.spring;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.core.NothingToDoJob;
import io.queuejob.core.RetryableJobException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Job methods for the starter's end-to-end tests; they record what they did.
 */
public class TestJobs {

	private final Queue<String> calls = new ConcurrentLinkedQueue<>();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger maxRunning = new AtomicInteger();

	private final AtomicInteger flakyTries = new AtomicInteger();

	private final AtomicInteger concurrencyTries = new AtomicInteger();

	private final CountDownLatch keyedStarted = new CountDownLatch(1);

	private final CountDownLatch keyedRelease = new CountDownLatch(1);

	private final JdbcTemplate jdbc;

	public TestJobs(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What the jobs recorded (read through the proxy, hence a method).
	 * @return the recorded calls
	 */
	public Queue<String> calls() {
		return this.calls;
	}

	/**
	 * The most {@link #slow} jobs that ran at once.
	 * @return the maximum concurrency seen
	 */
	public int maxRunning() {
		return this.maxRunning.get();
	}

	@QueueJob
	public void record(String text) {
		this.calls.add(text);
	}

	@QueueJob(channel = "limited")
	public void slow(String text) {
		int now = this.running.incrementAndGet();
		this.maxRunning.accumulateAndGet(now, Math::max);
		try {
			Thread.sleep(50);
			this.calls.add(text);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	@QueueJob(retryPattern = "1:1")
	public void flaky(String text) {
		if (this.flakyTries.incrementAndGet() < 2) {
			throw new RetryableJobException("not yet");
		}
		this.calls.add(text);
	}

	/**
	 * Records what {@link JobContext#current()} says, failing its first try.
	 */
	@QueueJob(channel = "limited", retryPattern = "1:0")
	public void contextual() {
		JobContext context = JobContext.current();
		this.calls.add("context " + context.uuid() + " " + context.function() + " " + context.channel() + " "
				+ context.attempt() + " " + JobContext.isActive());
		if (context.attempt() < 2) {
			throw new RetryableJobException("once more");
		}
	}

	@QueueJob(maxRetries = 2, retryPattern = "1:0")
	public void alwaysRetry() {
		this.calls.add("alwaysRetry");
		throw new RetryableJobException("still not ready");
	}

	@QueueJob(retryPattern = "1:3600")
	public void retryLater() {
		throw new RetryableJobException("come back in an hour");
	}

	@QueueJob
	public void serializationFailureOnce(String text) {
		if (this.concurrencyTries.incrementAndGet() == 1) {
			throw new IllegalStateException(new SQLException("could not serialize access", "40001"));
		}
		this.calls.add(text);
	}

	@QueueJob(maxRetries = 1)
	public void alwaysDeadlocked() {
		this.calls.add("deadlocked");
		throw new IllegalStateException(new SQLException("deadlock detected", "40P01"));
	}

	/**
	 * Waits, the first time, until {@link #releaseKeyed()}, then asks for a retry in an
	 * hour.
	 * @param text a label
	 * @throws InterruptedException if interrupted while waiting
	 */
	@QueueJob(identityKey = "refresh", retryPattern = "1:3600")
	public void keyed(String text) throws InterruptedException {
		this.calls.add("keyed:" + text);
		if (text.equals("first")) {
			this.keyedStarted.countDown();
			this.keyedRelease.await();
		}
		throw new RetryableJobException("again later");
	}

	public boolean awaitKeyedStarted() throws InterruptedException {
		return this.keyedStarted.await(30, TimeUnit.SECONDS);
	}

	public void releaseKeyed() {
		this.keyedRelease.countDown();
	}

	@QueueJob
	public void boom() {
		throw new IllegalStateException("boom");
	}

	@QueueJob
	public void nothingToDo() {
		throw new NothingToDoJob("nothing left to export");
	}

	@QueueJob
	public void writeThenFail(String marker) {
		this.jdbc.update("INSERT INTO job_effect (marker) VALUES (?)", marker);
		throw new IllegalStateException("after writing " + marker);
	}

	@QueueJob
	public void write(String marker) {
		this.jdbc.update("INSERT INTO job_effect (marker) VALUES (?)", marker);
	}

	@QueueJob
	public void typed(Order order, List<LocalDate> dates, Map<String, BigDecimal> amounts, Color color, UUID id) {
		this.calls.add(order + "|" + dates + "|" + amounts + "|" + color + "|" + id);
	}

	@QueueJob(transactional = false)
	public void outsideTransaction(String text) {
		this.calls.add(text);
	}

	/**
	 * Not annotated: the tests that delay it through the programmatic API declare it with
	 * {@code queue-job.functions.[testJobs.plain].delayable=true}.
	 * @param text what to record
	 */
	public void plain(String text) {
		this.calls.add("plain:" + text);
	}

	public record Order(long id, String customer, BigDecimal total) {
	}

	public enum Color {

		RED, GREEN

	}

}
