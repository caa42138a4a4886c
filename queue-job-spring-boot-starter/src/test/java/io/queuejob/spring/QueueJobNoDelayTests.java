package io.queuejob.spring;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.queuejob.core.graph.Group;
import io.queuejob.spring.test.JobTrap;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * No-delay mode ({@code queue-job.no-delay=true}): calls run at once in the caller's
 * thread, graphs in dependency order, and nothing is stored.
 */
@QueueJobIntegrationTest(classes = QueueJobNoDelayTests.App.class, properties = "queue-job.no-delay=true")
class QueueJobNoDelayTests {

	@Autowired
	OrderedJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationContext context;

	@BeforeEach
	void clear() {
		this.jobs.calls().clear();
	}

	@Test
	void queueJobCallRunsAtOnceInTheCallersThreadAndStoresNoJob() {
		this.jobs.run("now");
		assertThat(this.jobs.calls()).containsExactly("now@" + Thread.currentThread().getName());
		assertThat(storedJobs()).isZero();
	}

	@Test
	void queueJobCallReturnsTheMethodsValue() {
		assertThat(this.jobs.greet("Ada")).isEqualTo("hello Ada");
		assertThat(this.jobs.find("Ada")).contains("Ada");
		assertThat(storedJobs()).isZero();
	}

	@Test
	void delayRunsTheJobAtOnceAndReturnsAReferenceToNoStoredJob() {
		JobRef ref = this.jobQueue.delayable(this.jobs, (j) -> j.run("delayed")).priority(1).delay();
		assertThat(ref).isSameAs(JobRef.NOT_STORED);
		assertThat(ref.stored()).isFalse();
		assertThat(ref.created()).isFalse();
		assertThat(this.jobs.calls()).containsExactly("delayed@" + Thread.currentThread().getName());
		assertThat(storedJobs()).isZero();
	}

	@Test
	void childDeclaredFirstRunsAfterItsParent() {
		Delayable first = job("first");
		Delayable second = job("second");
		second.onDone(first);
		second.delay();
		assertThat(names()).containsExactly("second", "first");
		assertThat(storedJobs()).isZero();
	}

	@Test
	void diamondRunsEachJobAfterAllItsParents() {
		Delayable top = job("top");
		Delayable left = job("left");
		Delayable right = job("right");
		Delayable bottom = job("bottom");
		top.onDone(Group.of(left, right).onDone(bottom));
		top.delay();
		assertThat(names()).hasSize(4).startsWith("top").endsWith("bottom").contains("left", "right");
		assertThat(storedJobs()).isZero();
	}

	@Test
	void exceptionOfAQueueJobCallReachesTheCaller() {
		assertThatIllegalStateException().isThrownBy(this.jobs::fail).withMessage("failed at once");
	}

	@Test
	void exceptionOfAGraphJobReachesTheCallerAndStopsTheGraph() {
		Delayable failing = this.jobQueue.delayable(this.jobs, OrderedJobs::fail);
		failing.onDone(job("never"));
		assertThatIllegalStateException().isThrownBy(failing::delay).withMessage("failed at once");
		assertThat(this.jobs.calls()).isEmpty();
	}

	@Test
	void argumentsThatCouldNotBeStoredAreRefusedBeforeAnyJobRuns() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobs.runWith(Thread.currentThread()))
			.withMessageContaining("argument 'value'")
			.withMessageContaining("java.lang.Thread is a thread");
		Delayable first = job("first");
		first.onDone(this.jobQueue.delayable(this.jobs, (j) -> j.runWith(Thread.currentThread())));
		assertThatIllegalArgumentException().isThrownBy(first::delay).withMessageContaining("argument 'value'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue
				.delayableAll(this.jobs, List.of("fine", Thread.currentThread()), OrderedJobs::runWith)
				.delay())
			.withMessageContaining("Item 1 of the batch");
		assertThat(this.jobs.calls()).isEmpty();
	}

	@Test
	void openJobTrapCapturesCallsInsteadOfRunningThem() {
		try (JobTrap trap = JobTrap.open(this.context)) {
			this.jobs.run("trapped");
			trap.assertJobsCount(1, this.jobs, (j) -> j.run(null));
			assertThat(this.jobs.calls()).isEmpty();
		}
		this.jobs.run("after");
		assertThat(names()).containsExactly("after");
		assertThat(storedJobs()).isZero();
	}

	private Delayable job(String name) {
		return this.jobQueue.delayable(this.jobs, (j) -> j.run(name));
	}

	private List<String> names() {
		return this.jobs.calls().stream().map((call) -> call.substring(0, call.indexOf('@'))).toList();
	}

	private int storedJobs() {
		return new JobRows(this.jdbc).count();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		OrderedJobs orderedJobs() {
			return new OrderedJobs();
		}

	}

	public static class OrderedJobs {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		public List<String> calls() {
			return this.calls;
		}

		@QueueJob
		public void run(String name) {
			this.calls.add(name + "@" + Thread.currentThread().getName());
		}

		@QueueJob
		public void runWith(Object value) {
			this.calls.add(value + "@" + Thread.currentThread().getName());
		}

		@QueueJob
		public String greet(String name) {
			return "hello " + name;
		}

		@QueueJob
		public Optional<String> find(String name) {
			return Optional.of(name);
		}

		@QueueJob
		public void fail() {
			throw new IllegalStateException("failed at once");
		}

	}

}
