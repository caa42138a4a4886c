package io.queuejob.spring.internal.web;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.queuejob.core.JobState;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobQuery;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.JobRows.Stored;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the operations API against a real database with jobs in it: every parameter of
 * every endpoint under {@code /queue-job/api} (path variables, query parameters, JSON
 * bodies), found in Spring MVC's request mappings so that a new endpoint is fuzzed too,
 * gets hostile values and values drawn from a seeded {@link Random}, one parameter at a
 * time; every endpoint is also called with the methods it does not take and with unusual
 * {@code Accept} headers. No answer may be a server error, and every 4xx answer must be a
 * problem detail.
 * <p>
 * The requests go to Spring MVC without the security filters: Spring Security's firewall
 * and the servlet container refuse some addresses themselves (a NUL in the path, say),
 * with an answer of their own, before the API sees them. Security has its own tests.
 */
@QueueJobIntegrationTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class ApiFuzzTests {

	private static final String API = "/queue-job/api";

	private static final long SEED = 20261204L;

	/** The random values per parameter, on top of the hostile ones. */
	private static final int RANDOM_VALUES = 12;

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)}");

	private static final List<String> HOSTILE = List.of("", " ", "\u0000", "a\u0000b", "root\u0000",
			"\u0001\u001f\u007f\u0085\u009f", "\t", "\r\n", "\u2028", "\ufeff", "\ud800", "\udc00x", "😀",
			"é".repeat(300), "x".repeat(255), "x".repeat(256), "x".repeat(201), "x".repeat(10_000), "%", "_", "\\",
			"%00", "%%", "'", "''", "' OR '1'='1", "1; DROP TABLE queue_job; --", "$$", "\"",
			"<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x}", "null", "undefined", "NaN", "Infinity",
			"-Infinity", "true", "[]", "{}", "0", "-0", "1", "-1", "200", "201", "2147483647", "2147483648",
			"-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
			"99999999999999999999999", "1e309", "0x10", "1.5", " 5 ", "+300000-01-01T00:00:00Z",
			"-300000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
			"+294276-12-31T23:59:59.999999Z", "+294276-12-31T23:59:59.9999995Z", "+294277-01-01T00:00:00Z",
			"-4713-11-24T00:00:00Z", "-4713-11-23T23:59:59Z", "294276-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
			"1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23", "2026-11-23T11:20:00",
			"2026-11-23T11:20:00+25:00", "2026-11-23T11:20:00+02:00", "2026-11-23T11:20:00.1234567891Z", "infinity",
			"-infinity", "epoch", "now", cursor("1:NEWEST:0:0:1"), cursor("1:NEWEST:99999999999999:0:1"),
			cursor("1:OLDEST:-999999999999:0:1"), cursor("1:NEWEST:0:1000000000:1"), cursor("1:NEWEST:0:-1:1"),
			cursor("1:NEWEST:0:0:-1"), cursor("1:NEWEST:9223372036854775807:999999999:9223372036854775807"),
			cursor("1:newest:0:0:1"), cursor("2:NEWEST:0:0:1"), cursor("1:NEWEST:0:0"), cursor("1:NEWEST:0:0:1:2"),
			cursor("\u0000"), "!!!!", "AAAA", "====", "MTpORVdFU1Q", "00000000-0000-0000-0000-000000000000",
			"ffffffff-ffff-ffff-ffff-ffffffffffff", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
			"{00000000-0000-0000-0000-000000000000}", "00000000000000000000000000000000",
			"00000000-0000-0000-0000-000000000000\u0000", "00000000-0000-0000-0000-0000000000000",
			"g0000000-0000-0000-0000-000000000000", "NEWEST", "newest", "oldest", "Oldest", "random", "pending",
			"PENDING", "running", "wait_dependencies", "done ", "requeue", "counts");

	private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "image/png", "*/*",
			"application/problem+json", "text/plain;q=0.1", "not a media type");

	private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "application/json;charset=UTF-16", "not/a/type/at/all", "");

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobOperations operations;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Random random = new Random(SEED);

	private final List<String> failures = new ArrayList<>();

	private MockMvc mvc;

	private int sent;

	private Stored job;

	private String validCursor;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
		JobRows rows = new JobRows(this.jdbc);
		Instant at = Instant.parse("2026-11-23T10:00:00Z");
		UUID graph = UUID.randomUUID();
		Stored parent = rows.job(JobState.DONE).graph(graph).created(at).done(at.plusSeconds(5)).insert();
		Stored child = rows.job(JobState.PENDING).graph(graph).created(at.plusSeconds(1)).insert();
		rows.dependency(parent, child);
		for (JobState state : JobState.values()) {
			rows.job(state)
				.channel("root.mail")
				.function("mailer.send")
				.description("Send mail é 😀 100% _x_ " + state)
				.exception("java.lang.IllegalStateException", "no server\nat line 1")
				.created(at.plusSeconds(10 + state.ordinal()))
				.insert();
		}
		this.job = rows.job(JobState.FAILED).identityKey("key-1").created(at.plusSeconds(30)).insert();
		this.validCursor = this.operations.list(JobQuery.firstPage(JobFilter.ALL, 1)).nextCursor();
		assertThat(this.validCursor).isNotNull();
	}

	@Test
	void everyParameterOfEveryEndpointAnswersWithoutServerErrorAndRefusesWithProblemDetails() throws Exception {
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).extracting(Endpoint::toString)
			.contains("GET /queue-job/api/jobs", "GET /queue-job/api/jobs/counts", "GET /queue-job/api/jobs/{uuid}",
					"POST /queue-job/api/jobs/{uuid}/requeue", "POST /queue-job/api/jobs/cancel",
					"GET /queue-job/api/channels", "GET /queue-job/api/nodes", "GET /queue-job/api/functions");
		for (Endpoint endpoint : endpoints) {
			fuzzPathVariables(endpoint);
			fuzzQueryParameters(endpoint);
			if (endpoint.body() != null) {
				fuzzBody(endpoint);
			}
			fuzzAcceptAndMethod(endpoint);
		}
		for (String path : List.of("", "/", "/nothing", "/jobs/" + this.job.text() + "/nothing", "/jobs//requeue",
				"/jobs/" + this.job.text() + "/requeue/x", "/%00", "/jobs/%F0%28%8C%28")) {
			send(null, "path " + path, MockMvcRequestBuilders.get(URI.create(API + path)));
		}
		assertThat(this.sent).isGreaterThan(1000);
		assertThat(this.failures)
			.withFailMessage(() -> this.failures.size() + " of " + this.sent
					+ " answers are server errors or not problem details, such as:\n"
					+ String.join("\n", this.failures.subList(0, Math.min(50, this.failures.size()))))
			.isEmpty();
	}

	private void fuzzPathVariables(Endpoint endpoint) throws Exception {
		for (String variable : endpoint.pathVariables()) {
			for (String value : values()) {
				send(endpoint, variable + "=" + value, endpoint.request(Map.of(variable, value)));
			}
		}
	}

	private void fuzzQueryParameters(Endpoint endpoint) throws Exception {
		for (Map.Entry<String, Boolean> parameter : endpoint.parameters().entrySet()) {
			String name = parameter.getKey();
			for (String value : values()) {
				send(endpoint, name + "=" + value, endpoint.request(Map.of()).param(name, value));
				if (parameter.getValue()) {
					send(endpoint, name + "=pending&" + name + "=" + value,
							endpoint.request(Map.of()).param(name, "pending", value));
				}
			}
		}
	}

	private void fuzzBody(Endpoint endpoint) throws Exception {
		for (String body : bodies(endpoint.body())) {
			send(endpoint, "body " + body,
					endpoint.bare(Map.of()).contentType(MediaType.APPLICATION_JSON).content(body));
		}
		byte[] notUtf8 = { '{', '"', 'u', 'u', 'i', 'd', 's', '"', ':', '[', '"', (byte) 0xC3, 0x28, '"', ']', '}' };
		send(endpoint, "body not in UTF-8",
				endpoint.bare(Map.of()).contentType(MediaType.APPLICATION_JSON).content(notUtf8));
		for (String contentType : CONTENT_TYPES) {
			send(endpoint, "Content-Type " + contentType,
					endpoint.bare(Map.of()).header(HttpHeaders.CONTENT_TYPE, contentType).content("{}"));
		}
	}

	private void fuzzAcceptAndMethod(Endpoint endpoint) throws Exception {
		for (String accept : ACCEPTS) {
			send(endpoint, "Accept " + accept, endpoint.request(Map.of()).header(HttpHeaders.ACCEPT, accept));
		}
		for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
				HttpMethod.DELETE)) {
			if (!method.equals(endpoint.method())) {
				send(endpoint, "method " + method, MockMvcRequestBuilders.request(method, endpoint.uri(Map.of())));
			}
		}
	}

	/**
	 * Send a request and record what is wrong with its answer.
	 */
	private void send(Endpoint endpoint, String what, MockHttpServletRequestBuilder request) throws Exception {
		String label = ((endpoint != null) ? endpoint : "GET") + " with " + shown(what);
		this.sent++;
		MockHttpServletResponse response;
		try {
			response = this.mvc.perform(request).andReturn().getResponse();
		}
		catch (ServletException ex) {
			// a server error: no resolver answered the exception
			this.failures.add(label + ": failed with " + shown(String.valueOf(ex.getRootCause())));
			return;
		}
		int status = response.getStatus();
		String problem = null;
		if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
			problem = "answered " + status;
		}
		else if (status >= 400) {
			problem = problemDetailIssue(response);
		}
		if (problem != null) {
			this.failures
				.add(label + ": " + problem + ", " + shown(response.getContentAsString(StandardCharsets.UTF_8)));
		}
	}

	private String problemDetailIssue(MockHttpServletResponse response) throws Exception {
		String contentType = response.getContentType();
		if (contentType == null
				|| !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
			return "answered " + response.getStatus() + " as " + contentType;
		}
		try {
			JsonNode body = this.json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
			if (body.path("status").asInt() != response.getStatus() || body.path("title").asString("").isEmpty()) {
				return "answered " + response.getStatus() + " with a problem detail without its status or title";
			}
			return null;
		}
		catch (JacksonException ex) {
			return "answered " + response.getStatus() + " with a body that is not JSON";
		}
	}

	private List<String> values() {
		List<String> values = new ArrayList<>(HOSTILE);
		values.add(this.validCursor);
		values.add(this.validCursor + "A");
		values.add(this.validCursor.substring(1));
		values.add(this.job.text());
		values.add(this.job.text().toUpperCase());
		values.add(" " + this.job.text());
		values.add(this.job.text().replace("-", ""));
		for (int i = 0; i < RANDOM_VALUES; i++) {
			values.add(randomValue());
		}
		return values;
	}

	private String randomValue() {
		return switch (this.random.nextInt(6)) {
			case 0 -> randomText(this.random.nextInt(300));
			case 1 -> Long.toString(this.random.nextLong());
			case 2 ->
				Instant
					.ofEpochSecond(this.random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
							this.random.nextInt(1_000_000_000))
					.toString();
			case 3 -> {
				byte[] bytes = new byte[this.random.nextInt(80)];
				this.random.nextBytes(bytes);
				yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			}
			case 4 -> mutated(this.job.text());
			default -> mutated(this.validCursor);
		};
	}

	/**
	 * Code points of every kind: ASCII, controls, any of the BMP, lone surrogates, emoji.
	 */
	private String randomText(int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			switch (this.random.nextInt(5)) {
				case 0 -> text.append((char) (32 + this.random.nextInt(95)));
				case 1 -> text.append((char) ((this.random.nextBoolean() ? 0 : 0x7F) + this.random.nextInt(0x20)));
				case 2 -> text.append((char) this.random.nextInt(0xD800));
				case 3 -> text.append((char) (0xD800 + this.random.nextInt(0x800)));
				default -> text.appendCodePoint(0x1F300 + this.random.nextInt(0x300));
			}
		}
		return text.toString();
	}

	private String mutated(String value) {
		char[] chars = value.toCharArray();
		chars[this.random.nextInt(chars.length)] = (char) this.random.nextInt(0x80);
		return new String(chars);
	}

	/**
	 * The bodies for a JSON body type: malformed and odd JSON, then for each property of
	 * the body (a record), each value as the property and as its only element.
	 */
	private List<String> bodies(Class<?> type) {
		List<String> bodies = new ArrayList<>(List.of("", " ", "{", "[", "}", "{\"", "null", "true", "1", "\"x\"", "[]",
				"{}", "{\"unknown\": 1}", "[".repeat(5_000), "{\"a\":".repeat(2_000), "\u0000", "{\"\u0000\": 1}",
				"\ufeff{}", "{} {}", "{}x", "/* */ {}"));
		List<String> many = new ArrayList<>();
		for (int i = 0; i < JobOperations.MAX_SELECTION + 1; i++) {
			many.add(UUID.randomUUID().toString());
		}
		for (RecordComponent component : type.getRecordComponents()) {
			String name = component.getName();
			bodies.add(this.json.writeValueAsString(Map.of(name, many)));
			bodies.add(this.json.writeValueAsString(Map.of(name, many.subList(0, JobOperations.MAX_SELECTION))));
			bodies.add(this.json.writeValueAsString(Map.of(name, List.of(this.job.text(), this.job.text()))));
			for (String raw : List.of("null", "[null]", "1", "[1]", "[[]]", "[{}]", "{}", "true", "[true]",
					"[1e999]")) {
				bodies.add("{\"" + name + "\": " + raw + "}");
				bodies.add("{\"" + name + "\": " + raw + ", \"" + name + "\": " + raw + "}");
			}
			for (String value : values()) {
				bodies.add(this.json.writeValueAsString(Map.of(name, List.of(value))));
				bodies.add(this.json.writeValueAsString(Map.of(name, value)));
			}
		}
		return bodies;
	}

	private List<Endpoint> endpoints() {
		RequestMappingHandlerMapping mapping = this.context.getBean("requestMappingHandlerMapping",
				RequestMappingHandlerMapping.class);
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			for (String pattern : entry.getKey().getPatternValues()) {
				if (!pattern.startsWith(API + "/")) {
					continue;
				}
				Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
				for (RequestMethod method : methods.isEmpty() ? EnumSet.of(RequestMethod.GET) : methods) {
					endpoints.add(endpoint(method.asHttpMethod(), pattern, entry.getValue()));
				}
			}
		}
		endpoints.sort((one, other) -> one.toString().compareTo(other.toString()));
		return endpoints;
	}

	private Endpoint endpoint(HttpMethod method, String pattern, HandlerMethod handler) {
		List<String> pathVariables = new ArrayList<>();
		Matcher variables = PATH_VARIABLE.matcher(pattern);
		while (variables.find()) {
			pathVariables.add(variables.group(1));
		}
		Map<String, Boolean> parameters = new LinkedHashMap<>();
		Class<?> body = null;
		for (MethodParameter parameter : handler.getMethodParameters()) {
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
			if (requestParam != null) {
				String name = requestParam.name().isEmpty() ? parameter.getParameterName() : requestParam.name();
				parameters.put(name, Collection.class.isAssignableFrom(parameter.getParameterType()));
			}
			else if (parameter.hasParameterAnnotation(RequestBody.class)) {
				body = parameter.getParameterType();
			}
			else {
				assertThat(parameter.hasParameterAnnotation(PathVariable.class))
					.as("%s: every parameter is a path variable, a query parameter or the body", handler)
					.isTrue();
			}
		}
		return new Endpoint(method, pattern, pathVariables, parameters, body, this);
	}

	private static String cursor(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/** A value as a failure shows it: cut, with its control characters escaped. */
	private static String shown(String value) {
		StringBuilder shown = new StringBuilder();
		value.codePoints().limit(200).forEach((c) -> {
			if (Character.isISOControl(c)) {
				shown.append(String.format("\\u%04x", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return shown.toString();
	}

	/**
	 * An endpoint of the API: its method, path pattern, path variables, query parameters
	 * (whether repeatable) and body type.
	 */
	private record Endpoint(HttpMethod method, String pattern, List<String> pathVariables,
			Map<String, Boolean> parameters, Class<?> body, ApiFuzzTests test) {

		/**
		 * A request with valid values but the given path variables, and a valid body: a
		 * selection of a job.
		 */
		MockHttpServletRequestBuilder request(Map<String, String> variables) {
			MockHttpServletRequestBuilder request = bare(variables);
			if (this.body != null) {
				Map<String, Object> valid = new LinkedHashMap<>();
				for (RecordComponent component : this.body.getRecordComponents()) {
					valid.put(component.getName(), List.of(this.test.job.text()));
				}
				request.contentType(MediaType.APPLICATION_JSON).content(this.test.json.writeValueAsString(valid));
			}
			return request;
		}

		/** A request with valid values but the given path variables, without a body. */
		MockHttpServletRequestBuilder bare(Map<String, String> variables) {
			return MockMvcRequestBuilders.request(this.method, uri(variables));
		}

		URI uri(Map<String, String> variables) {
			Map<String, String> values = new LinkedHashMap<>();
			this.pathVariables.forEach((name) -> values.put(name, this.test.job.text()));
			values.putAll(variables);
			return UriComponentsBuilder.fromUriString(this.pattern).encode().buildAndExpand(values).toUri();
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern;
		}

	}

}
