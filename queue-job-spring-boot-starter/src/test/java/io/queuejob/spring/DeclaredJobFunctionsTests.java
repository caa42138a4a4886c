package io.queuejob.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Only declared job functions run: {@code @QueueJob} methods and methods declared with
 * {@code queue-job.functions.[name].delayable=true}. Rows naming anything else fail
 * through the running workers without calling anything, and {@code delayable} of an
 * undeclared method stores nothing.
 */
@QueueJobIntegrationTest(classes = DeclaredJobFunctionsTests.App.class,
		properties = "queue-job.functions.[reports.rebuild].delayable=true")
class DeclaredJobFunctionsTests {

	@Autowired
	InnocentAdmin admin;

	@Autowired
	Reports reports;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void rowNamingAnUndeclaredMethodFailsWithoutCallingIt() {
		UUID job = insert("innocentAdmin.wipe");
		awaitState(job, "failed");
		Map<String, Object> row = row(job);
		assertThat(row).containsEntry("exc_name", "NoSuchJobFunction");
		assertThat((String) row.get("exc_message")).contains("No job function 'innocentAdmin.wipe'")
			.contains("nothing was called")
			.contains("@QueueJob")
			.contains("queue-job.functions.[beanName.methodName].delayable=true");
		assertThat(this.admin.wipes()).isZero();
	}

	@Test
	void rowNamingDataSourceCloseFailsAndThePoolStillWorks() {
		UUID job = insert("dataSource.close");
		awaitState(job, "failed");
		assertThat(row(job)).containsEntry("exc_name", "NoSuchJobFunction");
		assertThat(((HikariDataSource) this.dataSource).isClosed()).isFalse();
		assertThat(this.jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
		// the workers still get connections and run jobs
		JobRef ref = this.jobQueue.delayable(this.reports, (r) -> r.rebuild("after close")).delay();
		awaitState(ref.uuid(), "done");
	}

	@Test
	void rowNamingAnUnknownBeanFails() {
		UUID job = insert("noSuchBean.run");
		awaitState(job, "failed");
		assertThat(row(job)).containsEntry("exc_name", "NoSuchJobFunction");
		assertThat((String) row(job).get("exc_message")).contains("No job function 'noSuchBean.run'");
	}

	@Test
	void rowNamingAMethodOfALazyBeanDoesNotCreateTheBean() {
		UUID job = insert("lazyAdmin.wipe");
		awaitState(job, "failed");
		assertThat(row(job)).containsEntry("exc_name", "NoSuchJobFunction");
		assertThat(LazyAdmin.created).hasValue(0);
	}

	@Test
	void undeclaredDelayableIsRefusedAtEnqueueAndStoresNothing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(this.admin, InnocentAdmin::reset).delay())
			.withMessageContaining("InnocentAdmin.reset")
			.withMessageContaining("@QueueJob")
			.withMessageContaining("queue-job.functions.[innocentAdmin.reset].delayable=true");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayableAll(this.admin, List.of(1, 2), (a, i) -> a.reset()).delay())
			.withMessageContaining("queue-job.functions.[innocentAdmin.reset].delayable=true");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE job_function = ?", Integer.class,
				"innocentAdmin.reset"))
			.isZero();
		assertThat(this.admin.resets()).isZero();
	}

	@Test
	void methodDeclaredByConfigurationIsDelayedAndRun() {
		JobRef ref = this.jobQueue.delayable(this.reports, (r) -> r.rebuild("q3")).priority(2).delay();
		awaitState(ref.uuid(), "done");
		assertThat(row(ref.uuid())).containsEntry("job_function", "reports.rebuild").containsEntry("priority", 2);
		assertThat(this.reports.rebuilt()).contains("q3");
	}

	@Test
	void methodDeclaredByConfigurationRunsAtOnceWhenCalled() {
		this.reports.rebuild("direct");
		assertThat(this.reports.rebuilt()).contains("direct");
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE args ->> 0 = 'direct'", Integer.class))
			.isZero();
	}

	@Test
	void queueJobMethodIsDelayedAndRunWithoutDeclaration() {
		JobRef ref = this.jobQueue.delayable(this.reports, (r) -> r.publish("q4")).delay();
		awaitState(ref.uuid(), "done");
		assertThat(this.reports.published()).contains("q4");
	}

	@Test
	void rowNamingADeclaredMethodRuns() {
		UUID job = insert("reports.rebuild", "[\"from sql\"]");
		awaitState(job, "done");
		assertThat(this.reports.rebuilt()).contains("from sql");
	}

	private UUID insert(String function) {
		return insert(function, "[]");
	}

	private UUID insert(String function, String args) {
		UUID uuid = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (?, 'pending', 'root', 10, 5, ?, ?::jsonb)
				""", uuid, function, args);
		// the runner's channel and, under direct claims, the workers'
		this.jdbc.execute("SELECT pg_notify('queue_job', ''), pg_notify('queue_job_enqueued', '')");
		return uuid;
	}

	private void awaitState(UUID job, String state) {
		await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(new JobRows(this.jdbc).stateOf(job)));
	}

	private Map<String, Object> row(UUID job) {
		return this.jdbc.queryForMap("SELECT * FROM queue_job WHERE uuid = ?", job);
	}

	/**
	 * Public void methods that no job may run: neither annotated nor declared.
	 */
	public static class InnocentAdmin {

		private final AtomicInteger wipes = new AtomicInteger();

		private final AtomicInteger resets = new AtomicInteger();

		public void wipe() {
			this.wipes.incrementAndGet();
		}

		public void reset() {
			this.resets.incrementAndGet();
		}

		int wipes() {
			return this.wipes.get();
		}

		int resets() {
			return this.resets.get();
		}

	}

	/**
	 * A lazy bean with a public void method: a row naming it must not create it.
	 */
	public static class LazyAdmin {

		static final AtomicInteger created = new AtomicInteger();

		public LazyAdmin() {
			created.incrementAndGet();
		}

		public void wipe() {
		}

	}

	/**
	 * A method declared by configuration, and a {@code @QueueJob} method.
	 */
	public static class Reports {

		private final Queue<String> rebuilt = new ConcurrentLinkedQueue<>();

		private final Queue<String> published = new ConcurrentLinkedQueue<>();

		public void rebuild(String quarter) {
			this.rebuilt.add(quarter);
		}

		@QueueJob
		public void publish(String quarter) {
			this.published.add(quarter);
		}

		public Queue<String> rebuilt() {
			return this.rebuilt;
		}

		public Queue<String> published() {
			return this.published;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		InnocentAdmin innocentAdmin() {
			return new InnocentAdmin();
		}

		@Bean
		@Lazy
		LazyAdmin lazyAdmin() {
			return new LazyAdmin();
		}

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

}
