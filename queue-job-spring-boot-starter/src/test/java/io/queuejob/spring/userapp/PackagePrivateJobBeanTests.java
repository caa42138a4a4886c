package io.queuejob.spring.userapp;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.test.JobTrap;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Job methods of package-private bean classes in a package of the application's own, as
 * Spring's {@code @Async} and {@code @Transactional} allow: a component class, a bean of
 * a {@code @Bean} method and a class-based {@code @Transactional} proxy, run by workers,
 * in no-delay mode and by a {@link JobTrap}.
 */
@QueueJobIntegrationTest(classes = PackagePrivateJobBeanTests.App.class, properties = "queue-job.poll-interval=2s")
class PackagePrivateJobBeanTests {

	@Autowired
	InvoiceService invoices;

	@Autowired
	MailService mails;

	@Autowired
	LedgerService ledger;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationContext context;

	@Test
	void jobOfAComponentClassRuns() {
		this.invoices.export(42);
		awaitDone("invoiceService.export", "42");
		assertThat(this.invoices.exported()).contains(42L);
	}

	@Test
	void jobOfABeanMethodsBeanRunsWithAPackagePrivateArgumentType() {
		this.mails.send(new Mail("ada@example.com", "Welcome"));
		awaitDone("mailService.send", null);
		assertThat(this.mails.sent()).contains(new Mail("ada@example.com", "Welcome"));
	}

	@Test
	void jobOfATransactionalClassBasedProxyRunsInATransaction() {
		assertThat(AopUtils.isCglibProxy(this.ledger)).isTrue();
		this.ledger.post("entry-1");
		awaitDone("ledgerService.post", "entry-1");
		assertThat(this.ledger.posted()).containsExactly("entry-1 in transaction");
	}

	@Test
	void delayedCallOfAPackagePrivateClassRuns() {
		this.jobQueue.delayable(this.invoices, (i) -> i.export(7)).priority(1).delay();
		awaitDone("invoiceService.export", "7");
		assertThat(this.invoices.exported()).contains(7L);
	}

	@Test
	void trappedJobOfAPackagePrivateClassIsPerformed() {
		try (JobTrap trap = JobTrap.open(this.context)) {
			this.invoices.export(99);
			trap.assertEnqueued(this.invoices, (i) -> i.export(99));
			trap.performEnqueuedJobs();
		}
		assertThat(this.invoices.exported()).contains(99L);
	}

	@Test
	void noDelayModeRunsAPackagePrivateClassAtOnce() {
		new ApplicationContextRunner().withUserConfiguration(App.class)
			.withPropertyValues(TestDatabase.fresh().properties())
			.withPropertyValues("queue-job.no-delay=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(InvoiceService.class).export(5);
				context.getBean(JobQueue.class)
					.delayable(context.getBean(LedgerService.class), (l) -> l.post("at-once"))
					.delay();
				assertThat(context.getBean(InvoiceService.class).exported()).containsExactly(5L);
				assertThat(context.getBean(LedgerService.class).posted()).containsExactly("at-once in transaction");
			});
	}

	private void awaitDone(String function, String argument) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<String> states = (argument != null)
					? this.jdbc.queryForList("SELECT state FROM queue_job WHERE job_function = ? AND args ->> 0 = ?",
							String.class, function, argument)
					: this.jdbc.queryForList("SELECT state FROM queue_job WHERE job_function = ?", String.class,
							function);
			assertThat(states).containsExactly("done");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ InvoiceService.class, LedgerService.class })
	static class App {

		@Bean
		MailService mailService() {
			return new MailService();
		}

	}

}

/**
 * The README's Quick start bean: a package-private component class.
 */
@Service("invoiceService")
class InvoiceService {

	private final Queue<Long> exported = new ConcurrentLinkedQueue<>();

	@QueueJob
	public void export(long invoiceId) {
		this.exported.add(invoiceId);
	}

	Queue<Long> exported() {
		return this.exported;
	}

}

/**
 * A package-private class made a bean by a {@code @Bean} method.
 */
class MailService {

	private final Queue<Mail> sent = new ConcurrentLinkedQueue<>();

	@QueueJob
	public void send(Mail mail) {
		this.sent.add(mail);
	}

	Queue<Mail> sent() {
		return this.sent;
	}

}

/**
 * A package-private argument type.
 */
record Mail(String to, String subject) {
}

/**
 * A package-private class behind a class-based {@code @Transactional} proxy.
 */
@Service("ledgerService")
@Transactional
class LedgerService {

	private final Queue<String> posted = new ConcurrentLinkedQueue<>();

	@QueueJob
	public void post(String entry) {
		this.posted.add(entry + (TransactionSynchronizationManager.isActualTransactionActive() ? " in transaction"
				: " without transaction"));
	}

	Queue<String> posted() {
		return this.posted;
	}

}
