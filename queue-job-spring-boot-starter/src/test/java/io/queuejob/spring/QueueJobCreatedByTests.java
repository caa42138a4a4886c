package io.queuejob.spring;

import java.util.List;

import javax.sql.DataSource;

import io.queuejob.core.graph.Group;
import io.queuejob.spring.autoconfigure.QueueJobAutoConfiguration;
import io.queuejob.spring.autoconfigure.QueueJobSchemaAutoConfiguration;
import io.queuejob.spring.test.JobTrap;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Created by": with Spring Security, the name of the authenticated user who enqueues is
 * stored on single, bulk and graph jobs; anonymous or no authentication stores nothing.
 */
@QueueJobIntegrationTest(classes = QueueJobCreatedByTests.App.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false" })
class QueueJobCreatedByTests {

	@Autowired
	ReportJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void clearAuthentication() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void authenticatedUserIsStoredOnSingleBulkAndGraphJobs() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice", null,
					AuthorityUtils.createAuthorityList("ROLE_USER")));
		this.jobs.report(1);
		this.jobQueue.delayableAll(this.jobs, List.of(2, 3), ReportJobs::report).delay();
		this.jobQueue.delay(Group
			.of(this.jobQueue.delayable(this.jobs, (j) -> j.report(4)),
					this.jobQueue.delayable(this.jobs, (j) -> j.report(5)))
			.onDone(this.jobQueue.delayable(this.jobs, (j) -> j.report(6))));

		assertThat(createdBy()).hasSize(6).containsOnly("alice");
	}

	@Test
	void withoutAuthenticationNothingIsStored() {
		this.jobs.report(1);
		this.jobQueue.delayableAll(this.jobs, List.of(2, 3), ReportJobs::report).delay();

		assertThat(createdBy()).hasSize(3).containsOnlyNulls();
	}

	@Test
	void anonymousOrUnauthenticatedUsersAreNotStored() {
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		this.jobs.report(1);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.unauthenticated("mallory", "secret"));
		this.jobs.report(2);

		assertThat(createdBy()).hasSize(2).containsOnlyNulls();
	}

	@Test
	void trappedJobsTellWhoEnqueuedThem() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("bob", null, List.of()));
		try (JobTrap trap = JobTrap.open(this.context)) {
			this.jobs.report(7);
			assertThat(trap.jobs()).singleElement().satisfies((job) -> assertThat(job.createdBy()).isEqualTo("bob"));
		}
	}

	@Test
	void withoutSpringSecurityNoProviderIsConfiguredAndNothingIsStored() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class))
			.withBean(ReportJobs.class)
			.withPropertyValues(TestDatabase.fresh().properties())
			.withPropertyValues("queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
					"queue-job.listener.enabled=false");
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("carol", null, List.of()));
		runner.run((context) -> assertThat(context).hasSingleBean(CreatedByProvider.class));
		runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class)).run((context) -> {
			assertThat(context).hasSingleBean(JobQueue.class).doesNotHaveBean(CreatedByProvider.class);
			context.getBean(ReportJobs.class).report(1);
			assertThat(new JdbcTemplate(context.getBean(DataSource.class))
				.queryForList("SELECT created_by FROM queue_job", String.class)).singleElement().isNull();
		});
	}

	private List<String> createdBy() {
		return this.jdbc.queryForList("SELECT created_by FROM queue_job ORDER BY id", String.class);
	}

	/**
	 * Jobs that report.
	 */
	public static class ReportJobs {

		@QueueJob
		public void report(int number) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		ReportJobs reportJobs() {
			return new ReportJobs();
		}

	}

}
