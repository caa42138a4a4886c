package io.queuejob.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * How the {@code @QueueJob} proxy turns calls into jobs and lets workers run them, alone
 * and together with {@code @Transactional}, against PostgreSQL. The main context has JPA
 * (so {@link JpaTransactionManager}); the tests of start-up failures, of the JDBC
 * transaction manager and of notifications start contexts of their own.
 */
@QueueJobIntegrationTest(classes = QueueJobProxyTests.App.class,
		properties = { "queue-job.poll-interval=2s", "queue-job.worker.threads=4" })
class QueueJobProxyTests {

	@Autowired
	ProxyJobs jobs;

	@Autowired
	TransactionalCallers callers;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void table() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS proxy_effect (marker text)");
	}

	@Test
	void callStoresAJobAndReturnsWithoutRunningTheBody() {
		String caller = Thread.currentThread().getName();
		this.jobs.record("stored");
		assertThat(jobCount("proxyJobs.record", "stored")).isOne();
		assertThat(this.jobs.executions("stored"))
			.allSatisfy((execution) -> assertThat(execution.thread()).isNotEqualTo(caller));
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.jobs.executions("stored").isEmpty());
		assertThat(this.jobs.executions("stored")).singleElement()
			.satisfies((execution) -> assertThat(execution.thread()).startsWith("queue-job-worker-"));
	}

	@Test
	void workerRunsTheBodyOnceWithoutEnqueueingAgain() {
		this.jobs.record("once");
		awaitState("proxyJobs.record", "once", "done");
		assertThat(jobCount("proxyJobs.record", "once")).isOne();
		assertThat(this.jobs.executions("once")).hasSize(1);
	}

	@Test
	void selfInvocationRunsAtOnceInTheCallersThread() {
		this.jobs.callSelf("self");
		assertThat(this.jobs.executions("self")).singleElement()
			.satisfies((execution) -> assertThat(execution.thread()).isEqualTo(Thread.currentThread().getName()));
		assertThat(jobCount("proxyJobs.record", "self")).isZero();
	}

	@Test
	void transactionalAdviceOnANonTransactionalJobRunsWhenTheWorkerExecutesIt() {
		this.jobs.writeUnderTransactional("advised-kept", false);
		this.jobs.writeUnderTransactional("advised-undone", true);
		// The call itself was only stored: the @Transactional body did not run yet
		assertThat(jobCount("proxyJobs.writeUnderTransactional", "advised-kept")).isOne();
		awaitState("proxyJobs.writeUnderTransactional", "advised-kept", "done");
		awaitState("proxyJobs.writeUnderTransactional", "advised-undone", "failed");
		// @QueueJob(transactional = false): the transaction can only be @Transactional's
		assertThat(this.jobs.executions("advised-kept")).singleElement()
			.satisfies((execution) -> assertThat(execution.inTransaction()).isTrue());
		assertThat(this.jobs.executions("advised-undone")).singleElement()
			.satisfies((execution) -> assertThat(execution.inTransaction()).isTrue());
		assertThat(effects("advised-kept")).isOne();
		assertThat(effects("advised-undone")).isZero();
	}

	@Test
	void transactionalJobWithTransactionalAdviceRollsBackOnFailure() {
		this.jobs.writeInJobTransaction("joined-kept", false);
		this.jobs.writeInJobTransaction("joined-undone", true);
		awaitState("proxyJobs.writeInJobTransaction", "joined-kept", "done");
		awaitState("proxyJobs.writeInJobTransaction", "joined-undone", "failed");
		assertThat(this.jobs.executions("joined-undone")).singleElement()
			.satisfies((execution) -> assertThat(execution.inTransaction()).isTrue());
		assertThat(effects("joined-kept")).isOne();
		assertThat(effects("joined-undone")).isZero();
	}

	@Test
	void transactionalCallerThatFailsLeavesNoJob() {
		assertThatIllegalStateException().isThrownBy(() -> this.callers.enqueueThenFail("caller-failed"));
		assertThat(jobCount("proxyJobs.record", "caller-failed")).isZero();
	}

	@Test
	void transactionalCallerThatCommitsStoresTheJob() {
		this.callers.enqueue("caller-committed");
		assertThat(jobCount("proxyJobs.record", "caller-committed")).isOne();
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.jobs.executions("caller-committed").isEmpty());
	}

	@Test
	void jobThatCallsAnotherJobEnqueuesIt() {
		this.jobs.callOther("outer");
		awaitState("proxyJobs.callOther", "outer", "done");
		awaitState("otherJobs.follow", "outer-next", "done");
		assertThat(jobCount("otherJobs.follow", "outer-next")).isOne();
		assertThat(this.jobs.executions("outer-next")).singleElement()
			.satisfies((execution) -> assertThat(execution.insideJob()).isNull());
	}

	@Test
	void jobThatCallsItselfThroughTheProxyEnqueuesEachCall() {
		this.jobs.countdown(2);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM queue_job WHERE job_function = 'proxyJobs.countdown' AND state = 'done'",
					Integer.class) == 3);
		assertThat(jobCount("proxyJobs.countdown", null)).isEqualTo(3);
		IntStream.rangeClosed(0, 2)
			.forEach((n) -> assertThat(this.jobs.executions("countdown-" + n)).singleElement()
				.satisfies((execution) -> assertThat(execution.insideJob()).isNull()));
	}

	@Test
	void unserializableArgumentFailsTheCallNamingTheParameterAndStoresNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobs.withPayload("bad", new Unwritable()))
			.withMessageContaining("'payload'")
			.withMessageContaining("withPayload");
		assertThat(jobCount("proxyJobs.withPayload", null)).isZero();
	}

	@Test
	void unserializableArgumentInAGraphStoresNoneOfIt() {
		Delayable parent = this.jobQueue.delayable(this.jobs, (j) -> j.record("graph-parent"));
		parent.onDone(this.jobQueue.delayable(this.jobs, (j) -> j.withPayload("graph-child", new Unwritable())));
		assertThatIllegalArgumentException().isThrownBy(parent::delay).withMessageContaining("'payload'");
		assertThat(jobCount("proxyJobs.record", "graph-parent")).isZero();
		assertThat(jobCount("proxyJobs.withPayload", null)).isZero();
	}

	@Test
	void graphThatTheDatabaseRejectsHalfwayStoresNoneOfIt() {
		// every option is checked before anything is written: a trigger makes the child's
		// insert fail after the parent's
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION refuse_atomic_child() RETURNS trigger AS $$
				BEGIN
				    IF NEW.args ->> 0 = 'atomic-child' THEN
				        RAISE EXCEPTION 'refused by the test';
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql""");
		this.jdbc.execute("CREATE TRIGGER refuse_atomic_child BEFORE INSERT ON queue_job"
				+ " FOR EACH ROW EXECUTE FUNCTION refuse_atomic_child()");
		try {
			Delayable parent = this.jobQueue.delayable(this.jobs, (j) -> j.record("atomic-parent"));
			parent.onDone(this.jobQueue.delayable(this.jobs, (j) -> j.record("atomic-child")));
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(parent::delay);
			assertThat(jobCount("proxyJobs.record", "atomic-parent")).isZero();
			assertThat(jobCount("proxyJobs.record", "atomic-child")).isZero();
		}
		finally {
			this.jdbc.execute("DROP TRIGGER refuse_atomic_child ON queue_job");
		}
	}

	@Test
	void enqueueJoinsTheCallersJpaTransaction() {
		assertThat(this.transactionManager).isInstanceOf(JpaTransactionManager.class);
		this.transaction.executeWithoutResult((status) -> {
			this.jobs.record("jpa-rolled-back");
			status.setRollbackOnly();
		});
		assertThat(jobCount("proxyJobs.record", "jpa-rolled-back")).isZero();
		this.transaction.executeWithoutResult((status) -> this.jobs.record("jpa-committed"));
		assertThat(jobCount("proxyJobs.record", "jpa-committed")).isOne();
	}

	@Test
	void enqueueJoinsTheCallersJdbcTransaction() {
		jdbcOnlyContext(TestDatabase.fresh()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PlatformTransactionManager.class))
				.isInstanceOf(DataSourceTransactionManager.class);
			TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
			SimpleJobs jobs = context.getBean(SimpleJobs.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			transaction.executeWithoutResult((status) -> {
				jobs.record("jdbc-rolled-back");
				status.setRollbackOnly();
			});
			assertThat(countByArgument(jdbc, "jdbc-rolled-back")).isZero();
			transaction.executeWithoutResult((status) -> jobs.record("jdbc-committed"));
			assertThat(countByArgument(jdbc, "jdbc-committed")).isOne();
		});
	}

	@Test
	void primitiveJobMethodStopsStartupNamingIt() {
		jdbcOnlyContext(TestDatabase.fresh()).withBean("nonVoidJobs", NonVoidJobs.class, NonVoidJobs::new)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(NonVoidJobs.class.getName() + ".compute")
					.hasMessageContaining("returns int")
					.hasMessageContaining("return Integer or void");
			});
	}

	@Test
	void jobBeanThatImplementsAnInterfaceIsInjectableByItsClass() {
		jdbcOnlyContext(TestDatabase.fresh()).withBean("mailJobs", MailJobs.class, MailJobs::new).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MailJobs.class)).isInstanceOf(Mailer.class);
			context.getBean(MailJobs.class).send("ada@example.com");
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(countByArgument(jdbc, "ada@example.com")).isOne();
		});
	}

	@Test
	void workersAreNotifiedOncePerCommittingTransactionUnderDirectClaims() {
		TestDatabase database = TestDatabase.fresh();
		quietContext(database).run((context) -> {
			assertThat(context.getBean(JobStores.class).directClaims()).isTrue();
			SimpleJobs jobs = context.getBean(SimpleJobs.class);
			TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
			try (Notifications notifications = new Notifications(database, JobStores.WORKERS_CHANNEL)) {
				transaction.executeWithoutResult((status) -> {
					int before = TransactionSynchronizationManager.getSynchronizations().size();
					IntStream.range(0, 10).forEach((i) -> jobs.record("batch-" + i));
					assertThat(TransactionSynchronizationManager.getSynchronizations()).hasSize(before + 1);
				});
				assertThat(notifications.untilSentinel()).isOne();
				transaction
					.executeWithoutResult((status) -> IntStream.range(0, 5).forEach((i) -> jobs.record("a-" + i)));
				transaction
					.executeWithoutResult((status) -> IntStream.range(0, 5).forEach((i) -> jobs.record("b-" + i)));
				assertThat(notifications.untilSentinel()).isEqualTo(2);
			}
			assertThat(countByFunction(context, "simpleJobs.record")).isEqualTo(20);
		});
	}

	@Test
	void workersAreNotNotifiedOfARolledBackTransaction() {
		TestDatabase database = TestDatabase.fresh();
		quietContext(database).run((context) -> {
			SimpleJobs jobs = context.getBean(SimpleJobs.class);
			TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
			try (Notifications notifications = new Notifications(database, JobStores.WORKERS_CHANNEL)) {
				transaction.executeWithoutResult((status) -> {
					IntStream.range(0, 3).forEach((i) -> jobs.record("rolled-back-" + i));
					status.setRollbackOnly();
				});
				assertThat(notifications.untilSentinel()).isZero();
			}
			assertThat(countByFunction(context, "simpleJobs.record")).isZero();
		});
	}

	@Test
	void workersAreNotifiedOncePerCallOutsideATransactionUnderDirectClaims() {
		TestDatabase database = TestDatabase.fresh();
		quietContext(database).run((context) -> {
			SimpleJobs jobs = context.getBean(SimpleJobs.class);
			try (Notifications notifications = new Notifications(database, JobStores.WORKERS_CHANNEL)) {
				IntStream.range(0, 3).forEach((i) -> jobs.record("alone-" + i));
				assertThat(notifications.untilSentinel()).isEqualTo(3);
			}
		});
	}

	@Test
	void runnersAreNotifiedOfAJobWithAnEtaUnderDirectClaims() {
		TestDatabase database = TestDatabase.fresh();
		quietContext(database).run((context) -> {
			SimpleJobs jobs = context.getBean(SimpleJobs.class);
			JobQueue queue = context.getBean(JobQueue.class);
			try (Notifications runners = new Notifications(database, JobStores.RUNNER_CHANNEL);
					Notifications workers = new Notifications(database, JobStores.WORKERS_CHANNEL)) {
				queue.delayable(jobs, (j) -> j.record("later")).eta(Duration.ofHours(1)).delay();
				assertThat(runners.untilSentinel()).isOne();
				assertThat(workers.untilSentinel()).isZero();
			}
		});
	}

	@Test
	void runnersAreNotifiedOncePerCallWhenAChannelHasALimit() {
		TestDatabase database = TestDatabase.fresh();
		quietContext(database).withPropertyValues("queue-job.channels=root:4").run((context) -> {
			assertThat(context.getBean(JobStores.class).directClaims()).isFalse();
			SimpleJobs jobs = context.getBean(SimpleJobs.class);
			try (Notifications runners = new Notifications(database, JobStores.RUNNER_CHANNEL);
					Notifications workers = new Notifications(database, JobStores.WORKERS_CHANNEL)) {
				IntStream.range(0, 3).forEach((i) -> jobs.record("limited-" + i));
				assertThat(runners.untilSentinel()).isEqualTo(3);
				assertThat(workers.untilSentinel()).isZero();
			}
		});
	}

	/**
	 * A context without JPA, on a database of its own.
	 */
	private static ApplicationContextRunner jdbcOnlyContext(TestDatabase database) {
		return new ApplicationContextRunner().withUserConfiguration(JdbcOnlyApp.class)
			.withPropertyValues(database.properties());
	}

	/**
	 * A JDBC-only context whose runner, workers and listener are off: nothing but
	 * enqueueing sends notifications. The notification window is off too, so that every
	 * storing transaction sends its own notification before the sentinel (with a window,
	 * the quiet transactions' notification follows at the window's end, possibly after
	 * it; the window's own tests cover that).
	 */
	private static ApplicationContextRunner quietContext(TestDatabase database) {
		return jdbcOnlyContext(database).withPropertyValues("queue-job.runner.enabled=false",
				"queue-job.worker.enabled=false", "queue-job.listener.enabled=false",
				"queue-job.listener.notify-window=0");
	}

	private static int countByArgument(JdbcTemplate jdbc, String argument) {
		return jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE args ->> 0 = ?", Integer.class, argument);
	}

	private static int countByFunction(AssertableApplicationContext context, String function) {
		return new JdbcTemplate(context.getBean(DataSource.class))
			.queryForObject("SELECT count(*) FROM queue_job WHERE job_function = ?", Integer.class, function);
	}

	private int jobCount(String function, String argument) {
		if (argument == null) {
			return this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE job_function = ?", Integer.class,
					function);
		}
		return this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE job_function = ? AND args ->> 0 = ?",
				Integer.class, function, argument);
	}

	private int effects(String marker) {
		return this.jdbc.queryForObject("SELECT count(*) FROM proxy_effect WHERE marker = ?", Integer.class, marker);
	}

	private void awaitState(String function, String argument, String state) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> state.equals(
					this.jdbc.queryForObject("SELECT state FROM queue_job WHERE job_function = ? AND args ->> 0 = ?",
							String.class, function, argument)));
	}

	/**
	 * A LISTEN connection of the test's own on a notification channel. Notifications of
	 * separate transactions arrive in commit order, so a sentinel sent after the
	 * transactions under test marks the end of their notifications: no waiting for
	 * notifications that might still come.
	 */
	private static final class Notifications implements AutoCloseable {

		private static final String SENTINEL = "test-sentinel";

		private final Connection connection;

		private final String channel;

		Notifications(TestDatabase database, String channel) throws SQLException {
			this.channel = channel;
			this.connection = DriverManager.getConnection(database.url(), database.username(), database.password());
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("LISTEN " + channel);
			}
		}

		/**
		 * Send the sentinel and count the notifications that arrived before it.
		 * @return the number of notifications on the channel since the last call
		 */
		int untilSentinel() throws SQLException {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("SELECT pg_notify('" + this.channel + "', '" + SENTINEL + "')");
			}
			List<PGNotification> received = new ArrayList<>();
			PGConnection listening = this.connection.unwrap(PGConnection.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				PGNotification[] batch = listening.getNotifications(200);
				if (batch != null) {
					received.addAll(List.of(batch));
				}
				return received.stream().anyMatch((notification) -> SENTINEL.equals(notification.getParameter()));
			});
			assertThat(received.get(received.size() - 1).getParameter()).isEqualTo(SENTINEL);
			return received.size() - 1;
		}

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

	/**
	 * One run of a job method's body.
	 *
	 * @param marker the call's first argument
	 * @param thread the thread it ran in
	 * @param inTransaction whether a transaction was active
	 * @param insideJob the marker of the job whose body was running in the same thread,
	 * or {@code null}
	 */
	record Execution(String marker, String thread, boolean inTransaction, String insideJob) {
	}

	/**
	 * Job methods that remember where and how their bodies ran.
	 */
	public static class ProxyJobs {

		static final ThreadLocal<String> runningJob = new ThreadLocal<>();

		private final Queue<Execution> executions = new ConcurrentLinkedQueue<>();

		private final JdbcTemplate jdbc;

		private final ObjectProvider<ProxyJobs> self;

		private final OtherJobs other;

		public ProxyJobs(JdbcTemplate jdbc, ObjectProvider<ProxyJobs> self, OtherJobs other) {
			this.jdbc = jdbc;
			this.self = self;
			this.other = other;
		}

		/**
		 * The runs of job bodies with this marker (read through the proxy, hence a
		 * method).
		 * @param marker the marker
		 * @return the runs
		 */
		public List<Execution> executions(String marker) {
			return this.executions.stream().filter((execution) -> execution.marker().equals(marker)).toList();
		}

		void remember(String marker) {
			this.executions.add(new Execution(marker, Thread.currentThread().getName(),
					TransactionSynchronizationManager.isActualTransactionActive(), runningJob.get()));
		}

		@QueueJob
		public void record(String marker) {
			remember(marker);
		}

		/**
		 * Not a job: calls a job method on {@code this}, bypassing the proxy.
		 * @param marker the marker
		 */
		public void callSelf(String marker) {
			this.record(marker);
		}

		@QueueJob(transactional = false)
		@Transactional
		public void writeUnderTransactional(String marker, boolean fail) {
			write(marker, fail);
		}

		@QueueJob
		@Transactional
		public void writeInJobTransaction(String marker, boolean fail) {
			write(marker, fail);
		}

		private void write(String marker, boolean fail) {
			remember(marker);
			this.jdbc.update("INSERT INTO proxy_effect (marker) VALUES (?)", marker);
			if (fail) {
				throw new IllegalStateException("failing after writing " + marker);
			}
		}

		@QueueJob
		public void callOther(String marker) {
			runningJob.set(marker);
			try {
				this.other.follow(marker + "-next");
			}
			finally {
				runningJob.remove();
			}
		}

		@QueueJob
		public void countdown(int n) {
			remember("countdown-" + n);
			runningJob.set("countdown-" + n);
			try {
				if (n > 0) {
					this.self.getObject().countdown(n - 1);
				}
			}
			finally {
				runningJob.remove();
			}
		}

		@QueueJob
		public void withPayload(String marker, Unwritable payload) {
			remember(marker);
		}

	}

	/**
	 * A job bean another job calls.
	 */
	public static class OtherJobs {

		private ProxyJobs jobs;

		void setJobs(ProxyJobs jobs) {
			this.jobs = jobs;
		}

		@QueueJob
		public void follow(String marker) {
			this.jobs.remember(marker);
		}

	}

	/**
	 * Callers that enqueue in their own {@code @Transactional} method.
	 */
	public static class TransactionalCallers {

		private final ProxyJobs jobs;

		public TransactionalCallers(ProxyJobs jobs) {
			this.jobs = jobs;
		}

		@Transactional
		public void enqueue(String marker) {
			this.jobs.record(marker);
		}

		@Transactional
		public void enqueueThenFail(String marker) {
			this.jobs.record(marker);
			throw new IllegalStateException("the caller fails after enqueueing " + marker);
		}

	}

	/**
	 * An argument Jackson cannot write.
	 */
	public static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

	/**
	 * The simplest job bean, for the contexts of their own.
	 */
	public static class SimpleJobs {

		@QueueJob
		public void record(String marker) {
		}

	}

	/**
	 * A job method that returns a primitive, which a call that enqueues cannot return:
	 * rejected at start-up.
	 */
	public static class NonVoidJobs {

		@QueueJob
		public int compute() {
			return 42;
		}

	}

	/**
	 * An interface a job bean implements.
	 */
	public interface Mailer {

		void send(String address);

	}

	/**
	 * A job bean behind an interface, injected by its class.
	 */
	public static class MailJobs implements Mailer {

		@Override
		@QueueJob
		public void send(String address) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		OtherJobs otherJobs() {
			return new OtherJobs();
		}

		@Bean
		ProxyJobs proxyJobs(JdbcTemplate jdbc, ObjectProvider<ProxyJobs> self, OtherJobs other) {
			ProxyJobs jobs = new ProxyJobs(jdbc, self, other);
			other.setJobs(jobs);
			return jobs;
		}

		@Bean
		TransactionalCallers transactionalCallers(ProxyJobs jobs) {
			return new TransactionalCallers(jobs);
		}

	}

	/**
	 * An application without JPA. Spring Data JPA's repositories are excluded as well:
	 * the starter's dependencies put them on the class path, and they need Hibernate's
	 * entity manager factory.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(
			exclude = { HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	static class JdbcOnlyApp {

		@Bean
		SimpleJobs simpleJobs() {
			return new SimpleJobs();
		}

	}

}
