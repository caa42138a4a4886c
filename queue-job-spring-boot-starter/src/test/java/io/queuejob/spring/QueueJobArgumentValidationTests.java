package io.queuejob.spring;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.queuejob.core.StorageLimits;
import io.queuejob.core.graph.Chain;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Everything is checked at enqueue, before anything is written: arguments that could
 * never run, through the proxy, {@code delayable}, a graph and {@code delayableAll};
 * options beyond what the table stores; a call recorded on an object that is not the
 * bean. Each refusal names what is wrong and leaves no row. No runner or worker runs
 * here.
 */
@QueueJobIntegrationTest(classes = QueueJobArgumentValidationTests.App.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false" })
class QueueJobArgumentValidationTests {

	@Autowired
	ArgumentJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	static Stream<Arguments> unstorable() {
		return Stream.of(
				arguments("a thread", call((j) -> j.thread(Thread.currentThread())), "'thread' (parameter 1 of ",
						"java.lang.Thread is a thread"),
				arguments("a class loader", call((j) -> j.loader(ArgumentJobs.class.getClassLoader())),
						"'loader' (parameter 1 of ", "is a class loader"),
				arguments("an input stream", call((j) -> j.input(new ByteArrayInputStream(new byte[] { 1 }))),
						"'input' (parameter 1 of ", "java.io.ByteArrayInputStream is a resource"),
				arguments("an object without properties", call((j) -> j.opaque(new Opaque())),
						"'opaque' (parameter 1 of ", Opaque.class.getName() + " has no properties"),
				arguments("a record with a thread", call((j) -> j.holder(new Holder(Thread.currentThread(), null))),
						"'holder' (parameter 1 of ", "at thread, java.lang.Thread is a thread"),
				arguments("a record with an object without properties",
						call((j) -> j.holder(new Holder(null, new Opaque()))), "'holder' (parameter 1 of ",
						"at opaque, " + Opaque.class.getName() + " has no properties"));
	}

	private static Consumer<ArgumentJobs> call(Consumer<ArgumentJobs> call) {
		return call;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unstorable")
	void unstorableArgumentFailsTheProxyCall(String what, Consumer<ArgumentJobs> call, String parameter,
			String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> call.accept(this.jobs))
			.withMessageContaining(parameter)
			.withMessageContaining(reason);
		assertThat(rows()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unstorable")
	void unstorableArgumentFailsDelayable(String what, Consumer<ArgumentJobs> call, String parameter, String reason) {
		Delayable job = this.jobQueue.delayable(this.jobs, call);
		assertThatIllegalArgumentException().isThrownBy(job::delay)
			.withMessageContaining(parameter)
			.withMessageContaining(reason);
		assertThat(rows()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unstorable")
	void unstorableArgumentFailsTheWholeChain(String what, Consumer<ArgumentJobs> call, String parameter,
			String reason) {
		Chain chain = Chain.of(this.jobQueue.delayable(this.jobs, (j) -> j.name("first")),
				this.jobQueue.delayable(this.jobs, call), this.jobQueue.delayable(this.jobs, (j) -> j.name("last")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobQueue.delay(chain))
			.withMessageContaining(parameter)
			.withMessageContaining(reason);
		assertThat(rows()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unstorable")
	void unstorableArgumentFailsTheWholeBatch(String what, Consumer<ArgumentJobs> call, String parameter,
			String reason) {
		DelayableBatch batch = this.jobQueue.delayableAll(this.jobs, List.of(1, 2), (j, item) -> call.accept(j));
		assertThatIllegalArgumentException().isThrownBy(batch::delay)
			.withMessageContaining("Item 0 of the batch")
			.withMessageContaining(parameter)
			.withMessageContaining(reason);
		assertThat(rows()).isZero();
	}

	@Test
	void aBatchWithOneUnstorableItemStoresNone() {
		List<Object> items = List.of("fine", 2, List.of(Thread.currentThread()), "also fine");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayableAll(this.jobs, items, ArgumentJobs::any).delay())
			.withMessageContaining("Item 2 of the batch")
			.withMessageContaining("argument 'value' (parameter 1 of ")
			.withMessageContaining("at [0], java.lang.Thread is a thread");
		assertThat(rows()).isZero();
	}

	@Test
	void aValueReadBackAsAnotherOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobs.any(new BigDecimal("12.50")))
			.withMessageContaining("Argument 'value' (parameter 1 of ")
			.withMessageContaining("does not come back as passed: stored as 12.50")
			.withMessageContaining("read back as java.lang.Object and written 12.5");
		assertThat(rows()).isZero();
	}

	@Test
	void ordinaryArgumentsAreStored() {
		Line line = new Line("pen", 2, new BigDecimal("1.50"), LocalDate.of(2026, 11, 23));
		this.jobs.ordinary(line, List.of(line, line), Map.of("a", 1L, "b", 2L), Instant.parse("2026-11-23T10:15:30Z"),
				new BigDecimal("12.50"), Size.LARGE, null);
		this.jobQueue.delayable(this.jobs, (j) -> j.ordinary(null, List.of(), Map.of(), null, null, null, "x")).delay();
		this.jobQueue.delayableAll(this.jobs, List.of(1, 2, 3), (j, i) -> j.any(i)).delay();
		assertThat(rows()).isEqualTo(5);
		assertThat(this.jdbc.queryForObject(
				"SELECT args -> 0 ->> 'price' FROM queue_job WHERE job_function = 'argumentJobs.ordinary' ORDER BY id"
						+ " LIMIT 1",
				String.class))
			.isEqualTo("1.50");
	}

	@Test
	void channelLongerThanItsColumnIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(this.jobs, (j) -> j.name("x")).channel("c".repeat(251)))
			.withMessage("channel must be at most 255 characters (the length of its column), got 256");
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.jobQueue.delayableAll(this.jobs, List.of("x"), ArgumentJobs::name).channel("c".repeat(300)))
			.withMessageContaining("channel must be at most 255 characters");
		this.jobQueue.delayable(this.jobs, (j) -> j.name("x")).channel("c".repeat(250)).delay();
		assertThat(this.jdbc.queryForObject("SELECT length(channel) FROM queue_job", Integer.class)).isEqualTo(255);
	}

	@Test
	void identityKeyLongerThanItsColumnIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(this.jobs, (j) -> j.name("x")).identityKey("k".repeat(256)))
			.withMessage("identityKey must be at most 255 characters (the length of its column), got 256");
		assertThat(rows()).isZero();
	}

	@Test
	void textsHoldingNulAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(this.jobs, (j) -> j.name("x")).description("a\0b"))
			.withMessageContaining("description must not contain the character U+0000");
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobs.name("a\0b"))
			.withMessageContaining("argument 'name' (parameter 1 of ")
			.withMessageContaining("U+0000");
		assertThat(rows()).isZero();
	}

	@Test
	void etaOutsideTheRangeOfPostgresTimestampsIsRefused() {
		Delayable job = this.jobQueue.delayable(this.jobs, (j) -> j.name("x"));
		assertThatIllegalArgumentException().isThrownBy(() -> job.eta(Instant.parse("+300000-01-01T00:00:00Z")))
			.withMessageContaining("eta must be between -4713-11-24T00:00:00Z and +294276-12-31T23:59:59.999999Z");
		assertThatIllegalArgumentException().isThrownBy(() -> job.eta(Instant.parse("-5000-01-01T00:00:00Z")))
			.withMessageContaining("eta must be between");
		assertThatIllegalArgumentException().isThrownBy(() -> job.eta(Duration.ofDays(365L * 300_000)))
			.withMessageContaining("eta must be between");
		assertThatIllegalArgumentException().isThrownBy(() -> job.eta(Duration.ofSeconds(Long.MAX_VALUE)))
			.withMessageContaining("eta must be between");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayableAll(this.jobs, List.of("x"), ArgumentJobs::name)
				.eta(Duration.ofSeconds(Long.MAX_VALUE)))
			.withMessageContaining("eta must be between");
		assertThat(rows()).isZero();
	}

	@Test
	void theBoundsOfPostgresTimestampsAreStored() {
		this.jobQueue.delayable(this.jobs, (j) -> j.name("min")).eta(StorageLimits.MIN_INSTANT).delay();
		this.jobQueue.delayable(this.jobs, (j) -> j.name("max")).eta(StorageLimits.MAX_INSTANT).delay();
		// an instant before 1582 is bound through java.sql.Timestamp, in the Julian
		// calendar
		assertThat(this.jdbc.queryForList(
				"SELECT to_char(eta AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US BC') FROM queue_job ORDER BY id",
				String.class))
			.hasSize(2)
			.endsWith("294276-12-31 23:59:59.999999 AD");
	}

	@Test
	void priorityOutsideItsRangeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(this.jobs, (j) -> j.name("x")).priority(-1))
			.withMessage("priority must be between 0 and 1000000 (smaller runs first), got -1");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> this.jobQueue.delayableAll(this.jobs, List.of("x"), ArgumentJobs::name).priority(1_000_001))
			.withMessageContaining("priority must be between 0 and 1000000");
		assertThat(rows()).isZero();
	}

	@Test
	void aCallOnAnObjectThatIsNotTheBeanIsRefused() {
		ArgumentJobs notTheBean = new ArgumentJobs();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(notTheBean, (j) -> j.name("elsewhere")))
			.withMessageContaining("it is not the bean 'argumentJobs' that the job would run on");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayableAll(notTheBean, List.of("elsewhere"), ArgumentJobs::name))
			.withMessageContaining("it is not the bean 'argumentJobs'");
		assertThat(rows()).isZero();
	}

	@Test
	void aCallOnTheObjectBehindTheBeansProxyIsTheBeans() {
		assertThat(AopUtils.isAopProxy(this.jobs)).isTrue();
		ArgumentJobs target = (ArgumentJobs) AopProxyUtils.getSingletonTarget(this.jobs);
		this.jobQueue.delayable(target, (j) -> j.name("from inside")).delay();
		assertThat(rows()).isOne();
	}

	private int rows() {
		return new JobRows(this.jdbc).count();
	}

	public record Line(String item, int quantity, BigDecimal price, LocalDate date) {
	}

	public record Holder(Thread thread, Opaque opaque) {
	}

	public enum Size {

		SMALL, LARGE

	}

	public static class Opaque {

		private final int hidden = 42;

	}

	/**
	 * Job methods that are never run here.
	 */
	public static class ArgumentJobs {

		@QueueJob
		public void name(String name) {
		}

		@QueueJob
		public void any(Object value) {
		}

		@QueueJob
		public void ordinary(Line line, List<Line> lines, Map<String, Long> counts, Instant at, BigDecimal total,
				Size size, String note) {
		}

		@QueueJob
		public void thread(Thread thread) {
		}

		@QueueJob
		public void loader(ClassLoader loader) {
		}

		@QueueJob
		public void input(InputStream input) {
		}

		@QueueJob
		public void opaque(Opaque opaque) {
		}

		@QueueJob
		public void holder(Holder holder) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ArgumentJobs argumentJobs() {
			return new ArgumentJobs();
		}

	}

}
