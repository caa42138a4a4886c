package io.queuejob.spring;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The job a worker thread is running, for the job's own code: its identity, its function,
 * its channel, which try this is and, for a job of a schedule, the occurrence it stands
 * for. A job method reads it with {@link #current()}; it is bound only while a worker
 * runs the method, on the worker's thread.
 *
 * <p>
 * The workers provide the implementation; applications read it and do not subclass it
 * (tests may, to run job code outside a worker).
 */
public abstract class JobContext {

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
