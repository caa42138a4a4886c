package io.queuejob.spring.autoconfigure;

import java.util.List;

import io.queuejob.spring.internal.web.JobsController;
import io.queuejob.spring.internal.web.OverviewController;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link QueueJobWebAutoConfiguration}: when the operations API is on, its
 * security chain beside Boot's default one, and the conditions it backs off on.
 */
@ExtendWith({ OutputCaptureExtension.class, DeleteJobsBeforeEach.class })
class QueueJobWebAutoConfigurationTests {

	private static final String WARNING = "without Spring Security: anyone who can reach";

	private static final AutoConfigurations QUEUE_JOB = AutoConfigurations.of(DataSourceAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
			TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class,
			QueueJobAutoConfiguration.class, QueueJobJpaAutoConfiguration.class,
			QueueJobOperationsAutoConfiguration.class, QueueJobWebAutoConfiguration.class);

	private static final AutoConfigurations WEB = AutoConfigurations.of(WebMvcAutoConfiguration.class,
			DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class);

	private static final String[] NODE = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
			"queue-job.listener.enabled=false" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(QUEUE_JOB)
		.withConfiguration(WEB)
		.withUserConfiguration(Application.class)
		.withPropertyValues(NODE);

	private final WebApplicationContextRunner withSecurity = this.contextRunner
		.withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class));

	private final WebApplicationContextRunner withoutSecurity = this.contextRunner
		.withClassLoader(new FilteredClassLoader("org.springframework.security"));

	@Test
	void isOnWithSpringSecurityAndKeepsBootsDefaultChain() {
		this.withSecurity.withPropertyValues(TestDatabase.shared().properties()).run((context) -> {
			assertThat(context).hasSingleBean(JobOperations.class)
				.hasSingleBean(JobsController.class)
				.hasSingleBean(OverviewController.class);
			assertThat(context.getBeansOfType(SecurityFilterChain.class))
				.containsOnlyKeys(QueueJobWebAutoConfiguration.SECURITY_FILTER_CHAIN, "defaultSecurityFilterChain");
		});
	}

	@Test
	void isOffWithoutSpringSecurityUnlessEnabled(CapturedOutput output) {
		this.withoutSecurity.withPropertyValues(TestDatabase.shared().properties()).run((context) -> {
			assertThat(context).hasSingleBean(JobOperations.class).doesNotHaveBean(JobsController.class);
			mvc(context).perform(get("/queue-job/api/jobs")).andExpect(status().isNotFound());
		});
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void worksUnprotectedWithAWarningWhenEnabledWithoutSpringSecurity(CapturedOutput output) {
		this.withoutSecurity.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.web.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(JobsController.class);
				MockMvc mvc = mvc(context);
				mvc.perform(get("/queue-job/api/jobs"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.jobs").isEmpty());
				mvc.perform(get("/queue-job/api/channels"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$[0].name").value("root"));
			});
		assertThat(output).contains(WARNING);
	}

	@Test
	void isOffWhenDisabled() {
		this.withSecurity.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.web.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(JobOperations.class)
					.doesNotHaveBean(JobsController.class)
					.doesNotHaveBean(QueueJobWebAutoConfiguration.SECURITY_FILTER_CHAIN);
				assertThat(context.getBeansOfType(SecurityFilterChain.class))
					.containsOnlyKeys("defaultSecurityFilterChain");
			});
	}

	@Test
	void servesTheConfiguredPathBehindItsChain() {
		this.withSecurity.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.web.path=/ops/jobs")
			.run((context) -> {
				MockMvc mvc = mvc(context);
				mvc.perform(get("/ops/jobs/api/jobs"))
					.andExpect(status().isUnauthorized())
					.andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
				mvc.perform(get("/ops/jobs/api/functions")
					.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
						.user("admin")
						.authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority(
								"QUEUE_JOB_ADMIN"))))
					.andExpect(status().isOk());
			});
	}

	@Test
	void aChainOfTheSameNameReplacesTheQueueJobChain() {
		this.withSecurity.withPropertyValues(TestDatabase.shared().properties())
			.withUserConfiguration(OwnChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(JobsController.class);
				assertThat(context.getBean(QueueJobWebAutoConfiguration.SECURITY_FILTER_CHAIN))
					.isSameAs(context.getBean(OwnChainConfiguration.class).chain);
			});
	}

	@Test
	void failsOnAMalformedPath() {
		for (String path : List.of("queue-job", "/queue-job/", "/a b", "/")) {
			this.withSecurity.withPropertyValues(TestDatabase.shared().properties())
				.withPropertyValues("queue-job.web.path=" + path)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("queue-job.web.path must start with '/'"));
		}
	}

	@Test
	void backsOffWithoutJobOperations() {
		new WebApplicationContextRunner().withConfiguration(WEB)
			.withConfiguration(AutoConfigurations.of(QueueJobWebAutoConfiguration.class))
			.withPropertyValues("queue-job.web.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobsController.class));
	}

	@Test
	void backsOffOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(QUEUE_JOB)
			.withUserConfiguration(Application.class)
			.withPropertyValues(NODE)
			.withPropertyValues(TestDatabase.shared().properties())
			.withPropertyValues("queue-job.web.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(JobOperations.class)
				.doesNotHaveBean(JobsController.class));
	}

	private static MockMvc mvc(AssertableWebApplicationContext context) {
		if (context.getBeanNamesForType(SecurityFilterChain.class).length == 0) {
			return MockMvcBuilders.webAppContextSetup(context).build();
		}
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = AutoConfiguredApplication.class)
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChainConfiguration {

		SecurityFilterChain chain;

		@Bean(QueueJobWebAutoConfiguration.SECURITY_FILTER_CHAIN)
		SecurityFilterChain queueJobSecurityFilterChain(HttpSecurity http) throws Exception {
			this.chain = http.securityMatcher("/queue-job/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
			return this.chain;
		}

	}

}
