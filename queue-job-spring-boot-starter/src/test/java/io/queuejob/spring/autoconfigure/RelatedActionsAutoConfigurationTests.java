package io.queuejob.spring.autoconfigure;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.RelatedAction;
import io.queuejob.spring.RelatedLink;
import io.queuejob.spring.internal.function.RelatedActions;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured {@link RelatedActions}: annotations and properties reach it, and an
 * invalid template stops the application naming the method.
 */
@ExtendWith(DeleteJobsBeforeEach.class)
class RelatedActionsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class))
		.withPropertyValues(TestDatabase.shared().properties())
		.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false");

	@Test
	void annotationAndPropertyTemplatesAnswerLinks() {
		this.contextRunner.withBean("invoices", Invoices.class)
			.withPropertyValues("queue-job.functions.[invoices.archive].related-url=/archive/{0}",
					"queue-job.functions.[invoices.archive].related-label=Archive {0}")
			.run((context) -> {
				RelatedActions actions = context.getBean(RelatedActions.class);
				assertThat(actions.linkFor("invoices.send", "[\"INV/7\"]"))
					.contains(new RelatedLink("/invoices/INV%2F7", "Invoice INV/7"));
				assertThat(actions.linkFor("invoices.archive", "[2026]"))
					.contains(new RelatedLink("/archive/2026", "Archive 2026"));
			});
	}

	@Test
	void invalidTemplateStopsStartUpNamingTheMethod() {
		this.contextRunner.withBean("invoices", Invoices.class)
			.withPropertyValues("queue-job.functions.[invoices.send].related-url=/invoices/{0.number")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Job function invoices.send (" + Invoices.class.getName()
						+ ".send): invalid related action URL template '/invoices/{0.number': "
						+ "'{' at position 10 is not closed"));
	}

	/**
	 * Jobs with a related action.
	 */
	public static class Invoices {

		@QueueJob
		@RelatedAction(url = "/invoices/{0}", label = "Invoice {0}")
		public void send(String number) {
		}

		@QueueJob
		public void archive(int year) {
		}

	}

}
