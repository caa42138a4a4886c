package io.queuejob.spring.internal.metrics;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A value read from the database when a gauge asks for it and the last read is older than
 * the refresh interval, so that nothing is read while nobody reads the gauges. A read
 * that fails keeps the last value, and is tried again after the interval.
 *
 * @param <T> the value
 */
final class Sample<T> {

	private static final Log logger = LogFactory.getLog(Sample.class);

	private final Supplier<T> reader;

	private final String what;

	private final long refreshNanos;

	private final LongSupplier nanoTime;

	private final Consumer<T> onRead;

	private T value;

	private long readAt;

	private boolean read;

	/**
	 * Create a sample.
	 * @param reader reads a fresh value
	 * @param what what is read, for the log message of a read that fails
	 * @param initial the value until a read succeeds
	 * @param refresh the shortest time between two reads
	 * @param nanoTime the monotonic clock
	 * @param onRead called with each fresh value
	 */
	Sample(Supplier<T> reader, String what, T initial, Duration refresh, LongSupplier nanoTime, Consumer<T> onRead) {
		this.reader = reader;
		this.what = what;
		this.value = initial;
		this.refreshNanos = refresh.toNanos();
		this.nanoTime = nanoTime;
		this.onRead = onRead;
	}

	/**
	 * The current value, read again if the last read is older than the interval.
	 * @return the value
	 */
	synchronized T get() {
		long now = this.nanoTime.getAsLong();
		if (this.read && now - this.readAt < this.refreshNanos) {
			return this.value;
		}
		T fresh;
		try {
			fresh = this.reader.get();
		}
		catch (RuntimeException ex) {
			logger.debug("queue-job could not read " + this.what, ex);
			this.readAt = now;
			this.read = true;
			return this.value;
		}
		this.readAt = this.nanoTime.getAsLong();
		this.read = true;
		this.value = fresh;
		this.onRead.accept(fresh);
		return fresh;
	}

	/**
	 * How long ago the value was read.
	 * @return the nanoseconds since the last read
	 */
	synchronized long nanosSinceRead() {
		return this.nanoTime.getAsLong() - this.readAt;
	}

}
