package io.queuejob.spring.internal.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.autoconfigure.QueueJobWebAutoConfiguration;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.JobRows.Stored;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operations API with Spring Security in an application that relies on Boot's default
 * security for its own endpoints: 401 without a user, 403 without the authority, CSRF on
 * actions, and the application's endpoint still protected by Boot's default chain. The
 * refusals are also checked through the real server, where an error answered through the
 * container's error page would be served under Boot's default chain.
 */
@QueueJobIntegrationTest(classes = WebSecurityTests.HostApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.listener.enabled=false" })
class WebSecurityTests {

	private static final String API = "/queue-job/api";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void bootsDefaultChainStaysBesideTheQueueJobChain() {
		Map<String, SecurityFilterChain> chains = this.context.getBeansOfType(SecurityFilterChain.class);
		// Boot's default chain: with Actuator on the classpath, the management one, which
		// covers every request
		assertThat(chains).containsOnlyKeys(QueueJobWebAutoConfiguration.SECURITY_FILTER_CHAIN,
				"managementSecurityFilterChain");
	}

	@Test
	void unauthenticatedApiCallsAnswer401WithoutAChallenge() throws Exception {
		this.mvc.perform(get(API + "/jobs"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
		this.mvc.perform(get(API + "/jobs").accept(MediaType.TEXT_HTML)).andExpect(status().isUnauthorized());
	}

	@Test
	void unauthenticatedPageRequestsAskForCredentials() throws Exception {
		this.mvc.perform(get("/queue-job").accept(MediaType.TEXT_HTML))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
					org.hamcrest.Matchers.startsWith("Basic realm=\"queue-job\"")));
	}

	@Test
	void aUserWithoutTheAuthorityIsForbidden() throws Exception {
		this.mvc.perform(get(API + "/jobs").with(httpBasic("bob", "secret"))).andExpect(status().isForbidden());
		this.mvc.perform(get(API + "/channels").with(httpBasic("bob", "secret"))).andExpect(status().isForbidden());
	}

	@Test
	void aUserWithTheAuthorityReadsTheApi() throws Exception {
		for (String path : new String[] { "/jobs", "/jobs/counts", "/channels", "/nodes", "/functions" }) {
			this.mvc.perform(get(API + path).with(httpBasic("admin", "secret"))).andExpect(status().isOk());
		}
	}

	@Test
	void actionsNeedTheCsrfTokenOfTheCookieInTheHeader() throws Exception {
		Stored failed = new JobRows(this.jdbc).job(JobState.FAILED).insert();
		this.mvc.perform(post(API + "/jobs/" + failed.text() + "/requeue").with(httpBasic("admin", "secret")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post(API + "/jobs/requeue").with(httpBasic("admin", "secret"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"uuids\": [\"" + failed.text() + "\"]}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post(API + "/jobs/" + failed.text() + "/requeue").with(httpBasic("admin", "secret"))
				.header("X-XSRF-TOKEN", UUID.randomUUID().toString()))
			.andExpect(status().isForbidden());
		assertThat(new JobRows(this.jdbc).state(failed)).isEqualTo(JobState.FAILED);

		MvcResult page = this.mvc.perform(get(API + "/jobs").with(httpBasic("admin", "secret")))
			.andExpect(status().isOk())
			.andReturn();
		Cookie token = page.getResponse().getCookie("XSRF-TOKEN");
		assertThat(token).isNotNull();
		assertThat(token.isHttpOnly()).isFalse();
		this.mvc
			.perform(post(API + "/jobs/" + failed.text() + "/requeue").with(httpBasic("admin", "secret"))
				.cookie(token)
				.header("X-XSRF-TOKEN", token.getValue()))
			.andExpect(status().isOk());
		assertThat(new JobRows(this.jdbc).state(failed)).isEqualTo(JobState.PENDING);
	}

	@Test
	void aCsrfRefusalAnswers403WithAProblemDetailAndNoChallenge() throws Exception {
		Stored failed = new JobRows(this.jdbc).job(JobState.FAILED).insert();
		List<HttpRequest> refused = List.of(
				request("/api/jobs/" + failed.text() + "/requeue").header(HttpHeaders.AUTHORIZATION, basic("admin"))
					.POST(BodyPublishers.noBody())
					.build(),
				request("/api/jobs/requeue").header(HttpHeaders.AUTHORIZATION, basic("admin"))
					.header("X-XSRF-TOKEN", UUID.randomUUID().toString())
					.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
					.POST(BodyPublishers.ofString("{\"uuids\": [\"" + failed.text() + "\"]}"))
					.build(),
				request("/api/jobs").header(HttpHeaders.AUTHORIZATION, basic("admin"))
					.PUT(BodyPublishers.noBody())
					.build(),
				request("/").header(HttpHeaders.AUTHORIZATION, basic("admin")).POST(BodyPublishers.noBody()).build());
		for (HttpRequest request : refused) {
			HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
			assertThat(response.statusCode()).as(request.toString()).isEqualTo(403);
			assertThat(response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE)).as(request.toString()).isEmpty();
			assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
					(type) -> assertThat(MediaType.parseMediaType(type)).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
			assertThat(response.body()).contains("\"status\":403").contains("X-XSRF-TOKEN");
		}
		assertThat(new JobRows(this.jdbc).state(failed)).isEqualTo(JobState.FAILED);
	}

	@Test
	void anActionWithoutUserNorCredentialsAnswers401WithoutAChallenge() throws Exception {
		HttpResponse<String> response = this.http.send(
				request("/api/jobs/" + UUID.randomUUID() + "/cancel").POST(BodyPublishers.noBody()).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE)).isEmpty();
	}

	@Test
	void aUserWithoutTheAuthorityIsForbiddenWithAProblemDetail() throws Exception {
		HttpResponse<String> response = this.http.send(
				request("/api/jobs").header(HttpHeaders.AUTHORIZATION, basic("bob")).GET().build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE)).isEmpty();
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
				(type) -> assertThat(MediaType.parseMediaType(type)).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(response.body()).contains("\"status\":403").contains("QUEUE_JOB_ADMIN");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/queue-job" + path));
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theApplicationsOwnEndpointStaysProtectedByBootsDefaultChain() throws Exception {
		MvcResult anonymous = this.mvc.perform(get("/hello")).andReturn();
		assertThat(anonymous.getResponse().getStatus()).isIn(401, 302);
		this.mvc.perform(get("/hello").with(httpBasic("bob", "secret"))).andExpect(status().isOk());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HostApplication {

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}secret").authorities("QUEUE_JOB_ADMIN").build(),
					User.withUsername("bob").password("{noop}secret").authorities("USER").build());
		}

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
