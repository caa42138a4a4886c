package io.queuejob.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.queuejob.core.IdentityKey;
import io.queuejob.core.JobOptions;
import io.queuejob.spring.Delayable;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.JobRef;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link JobTrap} in an application with a real database: jobs are captured,
 * counted, asserted and performed, and nothing is stored while the trap is open.
 */
@QueueJobIntegrationTest(classes = JobTrapTests.App.class,
		properties = { "queue-job.worker.enabled=false", "queue-job.functions.[trapJobs.plain].delayable=true" })
class JobTrapTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	TrapJobs jobs;

	@Autowired
	Forwarder forwarder;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	JobTrap trap;

	@BeforeEach
	void open() {
		this.jdbc.update("DELETE FROM queue_job");
		this.jobs.log().clear();
		this.trap = JobTrap.open(this.context);
	}

	@AfterEach
	void close() {
		this.trap.close();
	}

	@Test
	void trapCapturesCallsFromAnyThreadAndStoresNothing() {
		this.jobs.send("a@example.com");
		JobRef ref = this.jobQueue.delayable(this.jobs, (j) -> j.plain("delayed")).delay();
		CompletableFuture.runAsync(() -> this.jobs.send("other-thread@example.com")).join();
		this.jobs.keyed("x");
		this.jobs.keyed("x");
		assertThat(ref).isSameAs(JobRef.NOT_STORED);
		assertThat(this.trap.jobs()).extracting(TrappedJob::function)
			.containsExactly("trapJobs.send", "trapJobs.plain", "trapJobs.send", "trapJobs.keyed");
		assertThat(this.trap.jobs().get(2).arguments()).containsExactly("other-thread@example.com");
		assertThat(storedJobs()).isZero();
		assertThat(this.jobs.log()).isEmpty();
	}

	@Test
	void capturedJobHasItsResolvedOptions() {
		this.jobs.send("a@example.com");
		TrappedJob job = this.trap.jobs().get(0);
		assertThat(job.argumentsJson()).isEqualTo("[\"a@example.com\"]");
		assertThat(job.priority()).isEqualTo(10);
		assertThat(job.channel()).isEqualTo("root.mail");
		assertThat(job.maxRetries()).isEqualTo(5);
		assertThat(job.description()).isEqualTo("TrapJobs.send");
		assertThat(job.eta()).isNull();
		assertThat(job.identityKey()).isNull();
		assertThat(job.graphUuid()).isNull();
		assertThat(job.partitionKey()).isNull();
		assertThat(job.timeout()).isNull();
	}

	@Test
	void capturedJobHasItsPerCallPartitionKeyAndTimeout() {
		this.jobQueue.delayable(this.jobs, (j) -> j.record("r"))
			.partitionKey("tenant-9")
			.timeout(Duration.ofSeconds(30))
			.delay();
		TrappedJob job = this.trap.jobs().get(0);
		assertThat(job.partitionKey()).isEqualTo("tenant-9");
		assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void countsAllJobsAndJobsOfOneFunction() {
		this.jobs.send("a");
		this.jobs.send("b");
		this.jobs.record("c");
		this.trap.assertJobsCount(3);
		this.trap.assertJobsCount(2, this.jobs, (j) -> j.send(null));
		this.trap.assertJobsCount(1, "trapJobs.record");
		this.trap.assertJobsCount(0, this.jobs, (j) -> j.plain(null));
	}

	@Test
	void wrongCountFailsListingTheCapturedJobs() {
		this.jobs.record("c");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.trap.assertJobsCount(2, this.jobs, (j) -> j.record(null)))
			.withMessage("""
					Expected 2 jobs of trapJobs.record but 1 were captured.
					Captured jobs:
					 * trapJobs.record("c") {priority=10, eta=none, maxRetries=5, channel=root, \
					description=TrapJobs.record, identityKey=none}""");
	}

	@Test
	void jobWithAnIdentityKeyAlreadyCapturedIsNotAddedAgain() {
		this.jobs.keyed("first");
		this.jobs.keyed("second");
		this.trap.assertJobsCount(1);
		assertThat(this.trap.calls()).hasSize(2);
		this.trap.performEnqueuedJobs();
		this.trap.assertJobsCount(0);
		assertThat(this.jobs.log()).containsExactly("keyed first");
		this.jobs.keyed("third");
		this.trap.assertJobsCount(1);
		assertThat(storedJobs()).isZero();
	}

	@Test
	void assertEnqueuedPassesWithMatchingArgumentsAndASubsetOfOptions() {
		Instant eta = Instant.parse("2030-01-01T00:00:00Z");
		this.jobQueue.delayable(this.jobs, (j) -> j.send("b@example.com"))
			.priority(5)
			.eta(eta)
			.channel("urgent")
			.maxRetries(3)
			.description("Welcome mail")
			.identityKey("welcome:b")
			.delay();
		this.jobQueue.delayable(this.jobs, (j) -> j.record("exact")).identityKey(IdentityKey.EXACT).delay();
		this.trap.assertEnqueued(this.jobs, (j) -> j.send("b@example.com"));
		this.trap.assertEnqueued(this.jobs, (j) -> j.send("b@example.com"),
				JobOptions.NONE.withPriority(5).withChannel("root.urgent"));
		this.trap.assertEnqueued(this.jobs, (j) -> j.send("b@example.com"),
				JobOptions.NONE.withPriority(5)
					.withEta(eta)
					.withChannel("urgent")
					.withMaxRetries(3)
					.withDescription("Welcome mail")
					.withIdentityKey(IdentityKey.of("welcome:b")));
		this.trap.assertEnqueued(this.jobs, (j) -> j.record("exact"),
				JobOptions.NONE.withIdentityKey(IdentityKey.EXACT));
	}

	@Test
	void assertEnqueuedFailsWithAMessageListingTheEnqueuedJobs() {
		this.jobs.send("a@example.com");
		this.jobQueue.delayable(this.jobs, (j) -> j.record("r")).priority(1).delay();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.trap.assertEnqueued(this.jobs, (j) -> j.send("a@example.com"),
					JobOptions.NONE.withPriority(1).withChannel("mail")))
			.withMessage("""
					Job trapJobs.send("a@example.com") with options {priority=1, channel=root.mail} was not enqueued.
					Enqueued jobs:
					 * trapJobs.send("a@example.com") {priority=10, eta=none, maxRetries=5, channel=root.mail, \
					description=TrapJobs.send, identityKey=none}
					 * trapJobs.record("r") {priority=1, eta=none, maxRetries=5, channel=root, \
					description=TrapJobs.record, identityKey=none}""");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.trap.assertEnqueued(this.jobs, (j) -> j.send("other@example.com")))
			.withMessageStartingWith("Job trapJobs.send(\"other@example.com\") was not enqueued.");
	}

	@Test
	void assertEnqueuedWithNothingCapturedSaysSo() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.trap.assertEnqueued(this.jobs, (j) -> j.record("x")))
			.withMessage("Job trapJobs.record(\"x\") was not enqueued.\nEnqueued jobs: none");
	}

	@Test
	void performRunsSingleJobsFirstThenGraphsInDependencyOrder() {
		Delayable node = record("graph 1");
		Delayable node2 = record("graph 2");
		Delayable node3 = record("graph 3");
		node2.onDone(node3);
		node3.onDone(node);
		node2.delay();
		record("single").delay();
		List<TrappedJob> performed = this.trap.performEnqueuedJobs();
		assertThat(this.jobs.log()).containsExactly("single", "graph 2", "graph 3", "graph 1");
		assertThat(performed).extracting(TrappedJob::arguments)
			.containsExactly(List.of("single"), List.of("graph 2"), List.of("graph 3"), List.of("graph 1"));
		assertThat(performed.get(3).dependsOn()).containsExactly("trapJobs.record(\"graph 3\")");
		assertThat(this.trap.jobs()).isEmpty();
		assertThat(storedJobs()).isZero();
	}

	@Test
	void performRunsSingleJobsByPriority() {
		record("later").priority(20).delay();
		record("sooner").priority(5).delay();
		this.trap.performEnqueuedJobs();
		assertThat(this.jobs.log()).containsExactly("sooner", "later");
	}

	@Test
	void jobsEnqueuedWhilePerformingStayCapturedForTheNextRound() {
		this.forwarder.forward("hello");
		assertThat(this.trap.performEnqueuedJobs()).extracting(TrappedJob::function)
			.containsExactly("forwarder.forward");
		assertThat(this.jobs.log()).isEmpty();
		assertThat(this.trap.jobs()).extracting(TrappedJob::function).containsExactly("trapJobs.record");
		this.trap.performEnqueuedJobs();
		assertThat(this.jobs.log()).containsExactly("hello");
		assertThat(this.trap.jobs()).isEmpty();
	}

	@Test
	void exceptionOfAPerformedJobReachesTheCaller() {
		this.jobs.fail();
		assertThatIllegalStateException().isThrownBy(this.trap::performEnqueuedJobs).withMessage("job failed");
	}

	@Test
	void onlyOneTrapCanBeOpenAtATime() {
		assertThatIllegalStateException().isThrownBy(() -> JobTrap.open(this.context))
			.withMessageContaining("a JobTrap is open");
	}

	@Test
	void closedTrapLetsCallsStoreJobsAgain() {
		this.jobs.send("trapped");
		this.trap.close();
		this.jobs.send("stored");
		assertThat(this.jdbc.queryForList("SELECT args ->> 0 FROM queue_job", String.class)).containsExactly("stored");
		assertThat(this.trap.jobs()).extracting(TrappedJob::arguments).containsExactly(List.of("trapped"));
		this.trap = JobTrap.open(this.context);
		this.jobs.send("trapped again");
		assertThat(storedJobs()).isOne();
	}

	private Delayable record(String text) {
		return this.jobQueue.delayable(this.jobs, (j) -> j.record(text));
	}

	private int storedJobs() {
		return new JobRows(this.jdbc).count();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		TrapJobs trapJobs() {
			return new TrapJobs();
		}

		@Bean
		Forwarder forwarder(TrapJobs trapJobs) {
			return new Forwarder(trapJobs);
		}

	}

	public static class TrapJobs {

		private final List<String> log = new CopyOnWriteArrayList<>();

		public List<String> log() {
			return this.log;
		}

		@QueueJob(channel = "mail")
		public void send(String to) {
			this.log.add("mail to " + to);
		}

		@QueueJob
		public void record(String text) {
			this.log.add(text);
		}

		@QueueJob(identityKey = "refresh")
		public void keyed(String text) {
			this.log.add("keyed " + text);
		}

		@QueueJob
		public void fail() {
			throw new IllegalStateException("job failed");
		}

		public void plain(String text) {
			this.log.add("plain " + text);
		}

	}

	public static class Forwarder {

		private final TrapJobs jobs;

		Forwarder(TrapJobs jobs) {
			this.jobs = jobs;
		}

		@QueueJob
		public void forward(String text) {
			this.jobs.record(text);
		}

	}

}
