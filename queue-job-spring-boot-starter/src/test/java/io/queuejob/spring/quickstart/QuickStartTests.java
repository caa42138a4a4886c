package io.queuejob.spring.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.queuejob.core.graph.Chain;
import io.queuejob.core.graph.Group;
import io.queuejob.spring.Delayable;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.JobRef;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The README's Quick start followed as written: a package-private service with a
 * {@code @QueueJob} method, a job enqueued through the {@link JobQueue} bean with
 * per-call options (a method declared for it), the channels and function declaration of
 * its {@code application.yml}; the jobs run to {@code done}. And the fields the README
 * lists for a job in full are those the API returns.
 */
@QueueJobIntegrationTest(classes = QuickStartApplication.class, properties = {
		"queue-job.channels=root:8, mail:2, export:1:sequential", "queue-job.functions.[mailer.send].delayable=true" })
class QuickStartTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final Path README = Path.of("..", "README.md");

	@Autowired
	OrderService orders;

	@Autowired
	InvoiceService invoiceService;

	@Autowired
	Mailer mailer;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	WebApplicationContext context;

	@Test
	void quickStartJobsRunToDone() {
		this.orders.exportInvoice();
		Order order = new Order(7, "ada@example.com");
		JobRef mail = this.orders.confirm(order);
		assertThat(mail.created()).isTrue();

		await().atMost(PATIENCE)
			.until(() -> "done".equals(this.jdbc.queryForObject(
					"SELECT state FROM queue_job WHERE job_function = 'invoiceService.export' AND args ->> 0 = '42'",
					String.class)));
		await().atMost(PATIENCE).until(() -> "done".equals(state(mail.uuid().toString())));
		assertThat(this.invoiceService.exported()).contains(42L);
		assertThat(this.mailer.sent()).contains(order);
		assertThat(this.jdbc.queryForMap(
				"SELECT channel, max_retries, priority, description FROM queue_job WHERE uuid = ?", mail.uuid()))
			.containsEntry("channel", "root.mail")
			.containsEntry("max_retries", 3)
			.containsEntry("priority", 5)
			.containsEntry("description", "Order confirmation");
		assertThat(this.jdbc.queryForMap(
				"SELECT channel, max_retries FROM queue_job WHERE job_function = 'invoiceService.export' AND args ->> 0 = '42'"))
			.containsEntry("channel", "root.export")
			.containsEntry("max_retries", 8);
	}

	@Test
	void jobInFullHasEveryFieldTheReadmeLists() throws Exception {
		Delayable first = this.jobQueue.delayable(this.invoiceService, (s) -> s.export(100));
		Map<Delayable, JobRef> refs = this.jobQueue.delay(Chain.of(first,
				Group.of(this.jobQueue.delayable(this.mailer, (m) -> m.send(new Order(100, "a@example.com"))),
						this.jobQueue.delayable(this.mailer, (m) -> m.send(new Order(100, "b@example.com"))))));
		String uuid = refs.get(first).uuid().toString();
		await().atMost(PATIENCE).until(() -> "done".equals(state(uuid)));

		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		String body = mvc
			.perform(get("/queue-job/api/jobs/" + uuid)
				.with(user("admin").authorities(new SimpleGrantedAuthority("QUEUE_JOB_ADMIN"))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode detail = JsonMapper.builder().build().readTree(body);
		assertThat(detail.get("graph").get("nodes")).hasSize(3);
		assertThat(fieldNames(detail)).containsAll(readmeDetailFields());
	}

	private String state(String uuid) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE uuid = ?::uuid", String.class, uuid);
	}

	/**
	 * The field names in backquotes in the README's table row of {@code GET
	 * /queue-job/api/jobs/{uuid}}.
	 */
	private static List<String> readmeDetailFields() throws IOException {
		String row = Files.readAllLines(README)
			.stream()
			.filter((line) -> line.startsWith("| `GET /queue-job/api/jobs/{uuid}` |"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No row of GET /queue-job/api/jobs/{uuid} in " + README));
		String description = row.substring(row.indexOf('|', 1) + 1);
		List<String> fields = new ArrayList<>();
		Matcher code = Pattern.compile("`([^`]+)`").matcher(description);
		while (code.find()) {
			fields.add(code.group(1));
		}
		assertThat(fields).as("field names listed in the README").hasSizeGreaterThan(10);
		return fields;
	}

	private static Set<String> fieldNames(JsonNode node) {
		Set<String> names = new HashSet<>();
		collect(node, names);
		return names;
	}

	private static void collect(JsonNode node, Set<String> names) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				names.add(field.getKey());
				collect(field.getValue(), names);
			}
		}
		else if (node.isArray()) {
			node.forEach((element) -> collect(element, names));
		}
	}

}
