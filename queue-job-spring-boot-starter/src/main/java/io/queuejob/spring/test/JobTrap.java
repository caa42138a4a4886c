package io.queuejob.spring.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.queuejob.core.JobOptions;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.internal.enqueue.DefaultJobQueue;
import io.queuejob.spring.internal.enqueue.JobSink;
import io.queuejob.spring.internal.enqueue.PreparedJob;
import io.queuejob.spring.internal.enqueue.StoringJobEnqueuer;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.store.NewJob;

import org.springframework.beans.factory.BeanFactory;

/**
 * Captures the jobs an application enqueues, for its tests: while the trap is open,
 * {@code @QueueJob} calls and {@link JobQueue} jobs, from any thread, are captured and
 * nothing is written to the database. <pre class="code">
 * try (JobTrap trap = JobTrap.open(applicationContext)) {
 *     orders.confirm(order);
 *     trap.assertJobsCount(1, mailer, (m) -&gt; m.send(null));
 *     trap.assertEnqueued(mailer, (m) -&gt; m.send(order.email()), JobOptions.NONE.withPriority(5));
 *     trap.performEnqueuedJobs();
 * }
 * </pre>
 * <p>
 * A captured job with the same identity key as one captured before is not added to
 * {@link #jobs()} (it is still one of the {@link #calls()}). One trap can be open at a
 * time per application context; tests that share a context must not run in parallel.
 */
public final class JobTrap implements AutoCloseable {

	private final StoringJobEnqueuer enqueuer;

	private final JobQueue recorder;

	private final List<TrappedJob> calls = new ArrayList<>();

	private final List<TrappedJob> jobs = new ArrayList<>();

	private final JobSink sink = this::capture;

	private JobTrap(StoringJobEnqueuer enqueuer, JobFunctionRegistry functions) {
		this.enqueuer = enqueuer;
		this.recorder = new DefaultJobQueue(functions, enqueuer);
		enqueuer.divertTo(this.sink);
	}

	/**
	 * Open a trap on the jobs of an application.
	 * @param beans the application context (or its bean factory)
	 * @return the open trap; close it to store jobs again
	 * @throws IllegalStateException if a trap is already open on this application
	 */
	public static JobTrap open(BeanFactory beans) {
		return new JobTrap(beans.getBean(StoringJobEnqueuer.class), beans.getBean(JobFunctionRegistry.class));
	}

	/**
	 * The captured jobs, without those whose identity key was already captured, in the
	 * order they were enqueued; {@link #performEnqueuedJobs()} empties it.
	 * @return a copy of the captured jobs
	 */
	public synchronized List<TrappedJob> jobs() {
		return List.copyOf(this.jobs);
	}

	/**
	 * Every job enqueued since the trap opened, duplicates by identity key and performed
	 * jobs included.
	 * @return a copy of the enqueued calls
	 */
	public synchronized List<TrappedJob> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * Check how many jobs are captured.
	 * @param expected the expected number of {@link #jobs()}
	 * @throws AssertionError listing the captured jobs if the number differs
	 */
	public void assertJobsCount(int expected) {
		assertCount(expected, jobs(), "jobs");
	}

	/**
	 * Check how many jobs of one function are captured.
	 * @param expected the expected number
	 * @param function the job function name, for example {@code mailer.send}
	 * @throws AssertionError listing the captured jobs if the number differs
	 */
	public void assertJobsCount(int expected, String function) {
		assertCount(expected, jobs().stream().filter((job) -> job.function().equals(function)).toList(),
				"jobs of " + function);
	}

	/**
	 * Check how many jobs of one function are captured, naming the function by a call on
	 * its bean whose arguments are ignored: {@code (m) -> m.send(null)}.
	 * @param <T> the bean type
	 * @param expected the expected number
	 * @param bean the bean (as injected)
	 * @param function one call of the job method, with any arguments
	 * @throws AssertionError listing the captured jobs if the number differs
	 */
	public <T> void assertJobsCount(int expected, T bean, Consumer<? super T> function) {
		assertJobsCount(expected, expected(bean, function).jobFunction());
	}

	/**
	 * Check that a call was enqueued, whatever its options.
	 * @param <T> the bean type
	 * @param bean the bean (as injected)
	 * @param call the expected call; arguments are compared by their JSON form
	 * @throws AssertionError listing the captured jobs if no such call was enqueued
	 */
	public <T> void assertEnqueued(T bean, Consumer<? super T> call) {
		assertEnqueued(bean, call, JobOptions.NONE);
	}

	/**
	 * Check that a call was enqueued with some options; options left unset in
	 * {@code options} are not compared.
	 * @param <T> the bean type
	 * @param bean the bean (as injected)
	 * @param call the expected call; arguments are compared by their JSON form
	 * @param options the expected options, e.g. {@code JobOptions.NONE.withPriority(5)}
	 * @throws AssertionError listing the captured jobs if no such call was enqueued
	 */
	public <T> void assertEnqueued(T bean, Consumer<? super T> call, JobOptions options) {
		NewJob expected = expected(bean, call);
		List<TrappedJob> enqueued = calls();
		if (enqueued.stream().noneMatch(matching(expected, options))) {
			throw new AssertionError(
					"Job " + expected.jobFunction() + "(" + TrappedJob.stripBrackets(expected.argumentsJson()) + ")"
							+ describe(options, expected) + " was not enqueued." + list("Enqueued jobs", enqueued));
		}
	}

	/**
	 * Run the captured jobs now, in the caller's thread: single jobs by priority, then
	 * each graph in dependency order. The captured jobs are cleared first, so jobs
	 * enqueued while they run stay captured for the next call. Exceptions of a job
	 * propagate and the jobs after it do not run; there is no retry.
	 * @return the jobs that ran, in order
	 */
	public List<TrappedJob> performEnqueuedJobs() {
		List<TrappedJob> round;
		synchronized (this) {
			round = List.copyOf(this.jobs);
			this.jobs.clear();
		}
		List<TrappedJob> order = new ArrayList<>();
		round.stream()
			.filter((job) -> job.graphUuid() == null)
			.sorted(Comparator.comparingInt(TrappedJob::priority))
			.forEach(order::add);
		Map<UUID, List<TrappedJob>> graphs = new LinkedHashMap<>();
		round.stream()
			.filter((job) -> job.graphUuid() != null)
			.forEach((job) -> graphs.computeIfAbsent(job.graphUuid(), (uuid) -> new ArrayList<>()).add(job));
		graphs.values().forEach(order::addAll);
		order.forEach(TrappedJob::run);
		return order;
	}

	/**
	 * Close the trap: jobs are stored again. Captured jobs that were not performed are
	 * dropped.
	 */
	@Override
	public void close() {
		this.enqueuer.stopDiverting(this.sink);
	}

	private synchronized void capture(List<PreparedJob> graph) {
		// A graph arrives parents first, so its jobs stay in dependency order
		for (PreparedJob prepared : graph) {
			TrappedJob job = new TrappedJob(prepared);
			this.calls.add(job);
			String key = job.identityKey();
			if (key == null || this.jobs.stream().noneMatch((captured) -> key.equals(captured.identityKey()))) {
				this.jobs.add(job);
			}
		}
	}

	private <T> NewJob expected(T bean, Consumer<? super T> call) {
		return this.enqueuer.prepare(this.recorder.delayable(bean, call)).row();
	}

	private static Predicate<TrappedJob> matching(NewJob expected, JobOptions options) {
		return (job) -> job.function().equals(expected.jobFunction())
				&& job.argumentsJson().equals(expected.argumentsJson())
				&& (options.priority() == null || options.priority() == job.priority())
				&& (options.eta() == null || options.eta().equals(job.eta()))
				&& (options.maxRetries() == null || options.maxRetries() == job.maxRetries())
				&& (options.channel() == null || options.channel().equals(job.channel()))
				&& (options.description() == null || options.description().equals(job.description()))
				&& (options.identityKey() == null || options.identityKey()
					.resolve(expected.jobFunction(), expected.argumentsJson())
					.equals(job.identityKey()));
	}

	private static String describe(JobOptions options, NewJob expected) {
		StringJoiner given = new StringJoiner(", ", " with options {", "}").setEmptyValue("");
		add(given, "priority", options.priority());
		add(given, "eta", options.eta());
		add(given, "maxRetries", options.maxRetries());
		add(given, "channel", options.channel());
		add(given, "description", options.description());
		if (options.identityKey() != null) {
			add(given, "identityKey", options.identityKey().resolve(expected.jobFunction(), expected.argumentsJson()));
		}
		return given.toString();
	}

	private static void add(StringJoiner joiner, String name, Object value) {
		if (value != null) {
			joiner.add(name + "=" + value);
		}
	}

	private static void assertCount(int expected, List<TrappedJob> counted, String what) {
		if (counted.size() != expected) {
			throw new AssertionError("Expected " + expected + " " + what + " but " + counted.size() + " were captured."
					+ list("Captured jobs", counted));
		}
	}

	private static String list(String title, List<TrappedJob> jobs) {
		if (jobs.isEmpty()) {
			return "\n" + title + ": none";
		}
		StringJoiner lines = new StringJoiner("\n * ", "\n" + title + ":\n * ", "");
		jobs.forEach((job) -> lines.add(Objects.toString(job)));
		return lines.toString();
	}

}
