package io.queuejob.spring.internal.web;

import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * How the dashboard's files are served, under a base path of its own: the page, its
 * assets, the graph library from its WebJar, behind the API's security.
 */
@QueueJobIntegrationTest(classes = DashboardServingTests.DashboardApplication.class,
		properties = { "queue-job.web.path=/ops/jobs", "queue-job.runner.enabled=false",
				"queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class DashboardServingTests {

	@Autowired
	WebApplicationContext context;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void basePathRedirectsToThePageSoThatItsRelativeLinksWork() throws Exception {
		this.mvc.perform(get("/ops/jobs").with(operator()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/ops/jobs/"));
	}

	@Test
	void pageIsServedAtTheBasePathWithASlashAndAsIndexHtml() throws Exception {
		for (String path : new String[] { "/ops/jobs/", "/ops/jobs/index.html" }) {
			this.mvc.perform(get(path).with(operator()))
				.andExpect(status().isOk())
				.andExpect(content().contentType("text/html;charset=UTF-8"))
				.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache"))
				.andExpect(content().string(containsString("<script type=\"module\" src=\"assets/app.js\"></script>")));
		}
	}

	@Test
	void assetsAreServedUnderTheBasePath() throws Exception {
		this.mvc.perform(get("/ops/jobs/assets/app.js").with(operator()))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/javascript"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache"));
		this.mvc.perform(get("/ops/jobs/assets/dashboard.css").with(operator()))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/css"));
		this.mvc.perform(get("/ops/jobs/assets/missing.js").with(operator())).andExpect(status().isNotFound());
	}

	@Test
	void graphLibraryIsServedFromItsWebJarWithoutItsVersionInTheAddress() throws Exception {
		this.mvc.perform(get("/ops/jobs/webjars/cytoscape/dist/cytoscape.esm.min.mjs").with(operator()))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/javascript"))
			.andExpect(content().string(containsString("cytoscape")));
	}

	@Test
	void pageAndAssetsNeedTheDashboardsAuthority() throws Exception {
		for (String path : new String[] { "/ops/jobs/", "/ops/jobs/assets/app.js",
				"/ops/jobs/webjars/cytoscape/dist/cytoscape.esm.min.mjs" }) {
			this.mvc.perform(get(path)).andExpect(status().isUnauthorized());
			this.mvc.perform(get(path).with(httpBasic("guest", "secret"))).andExpect(status().isForbidden());
		}
	}

	private static RequestPostProcessor operator() {
		return httpBasic("operator", "secret");
	}

	/**
	 * An application of nothing but auto-configuration, with one user allowed to use the
	 * dashboard and one who is not.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DashboardApplication {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}secret").authorities("QUEUE_JOB_ADMIN").build(),
					User.withUsername("guest").password("{noop}secret").authorities("SOMETHING_ELSE").build());
		}

	}

}
