package io.queuejob.spring;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The job a worker thread is running, for the job's own code: its identity, its function,
 * its channel, which try this is and, for a job of a schedule, the occurrence it stands
 * for; and where it reports its progress. A job method reads it with {@link #current()};
 * it is bound only while a worker runs the method, on the worker's thread.
 *
 * <p>
 * The workers provide the implementation; applications read it and do not subclass it
 * (tests may, to run job code outside a worker).
 */
public abstract class JobContext {

	/** The most characters of a progress message that are stored. */
	public static final int MAX_PROGRESS_MESSAGE_LENGTH = 255;

	private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

	/**
	 * Create a context; only the workers (and tests) create one.
	 */
	protected JobContext() {
	}

	/**
	 * The job that this thread is running.
	 * @return the job's context
	 * @throws IllegalStateException if this thread is not running a job
	 */
	public static JobContext current() {
		JobContext context = CURRENT.get();
		if (context == null) {
			throw new IllegalStateException("No job is running on thread '" + Thread.currentThread().getName()
					+ "': JobContext.current() answers only inside a job method run by the queue-job workers");
		}
		return context;
	}

	/**
	 * Whether this thread is running a job.
	 * @return {@code true} inside a job method run by a worker
	 */
	public static boolean isActive() {
		return CURRENT.get() != null;
	}

	/**
	 * Bind a context to this thread for the time the given code runs, restoring the
	 * previous one afterwards.
	 * @param context the job's context
	 * @param code the job's code
	 * @param <T> what the code returns
	 * @return what the code returned
	 * @throws Throwable what the code threw
	 */
	protected static <T> T runWith(JobContext context, JobCode<T> code) throws Throwable {
		JobContext previous = CURRENT.get();
		CURRENT.set(context);
		try {
			return code.run();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * The job's public identity.
	 * @return its uuid
	 */
	public abstract UUID uuid();

	/**
	 * The job function's name ({@code beanName.methodName}).
	 * @return the function's name
	 */
	public abstract String function();

	/**
	 * The job's channel.
	 * @return the channel's full name
	 */
	public abstract String channel();

	/**
	 * Which try this is, counting from 1.
	 * @return the try's number
	 */
	public abstract int attempt();

	/**
	 * The schedule that stored this job.
	 * @return the schedule's name, or empty for a job not stored by a schedule
	 */
	public Optional<String> schedule() {
		return Optional.empty();
	}

	/**
	 * The occurrence of its schedule that this job stands for: the time it was due, not
	 * when it was stored or runs. A job stored by "run now" stands for the time it was
	 * stored.
	 * @return the occurrence, or empty for a job not stored by a schedule
	 */
	public Optional<Instant> scheduledFor() {
		return Optional.empty();
	}

	/**
	 * Whether the worker stopped this try: a user cancelled the job while it ran, or the
	 * try ran past its timeout. The worker also interrupts the thread; a job that loops
	 * or waits without answering interrupts checks this to stop by itself. Whatever the
	 * method does after, the try ends stopped: a transactional job's work rolls back.
	 * @return {@code true} once the try is stopped
	 */
	public boolean isCancelled() {
		return false;
	}

	/**
	 * Report how far the job is, for the dashboard and the API. The node stores the
	 * latest report of each job at most once a second, in the background, and the last
	 * one when the job's try ends; reporting costs no database call on the job's thread.
	 * @param percent how much of the work is done, from 0 to 100
	 * @param message what it did, such as "exported 400 of 1000", or {@code null}; longer
	 * than {@value #MAX_PROGRESS_MESSAGE_LENGTH} characters, it is cut there
	 * @throws IllegalArgumentException if the percentage is not between 0 and 100
	 */
	public final void progress(int percent, String message) {
		if (percent < 0 || percent > 100) {
			throw new IllegalArgumentException("A job's progress is a percentage from 0 to 100, got " + percent);
		}
		String text = (message != null) ? message.replace('\0', ' ') : null;
		if (text != null && text.length() > MAX_PROGRESS_MESSAGE_LENGTH) {
			text = text.substring(0, MAX_PROGRESS_MESSAGE_LENGTH);
		}
		reportProgress(percent, text);
	}

	/**
	 * Store a progress report; the workers' context hands it to the node's progress
	 * writer, and a context made by a test may record it. Does nothing by default.
	 * @param percent how much of the work is done, from 0 to 100
	 * @param message what it did, at most {@value #MAX_PROGRESS_MESSAGE_LENGTH}
	 * characters, or {@code null}
	 */
	protected void reportProgress(int percent, String message) {
	}

	/**
	 * Code that runs with a context bound.
	 *
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	protected interface JobCode<T> {

		/**
		 * Run the code.
		 * @return its result
		 * @throws Throwable what it threw
		 */
		T run() throws Throwable;

	}

}
