package io.queuejob.spring.internal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.NewJob;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The dashboard in a real headless Chromium, against the REST API of a running
 * application with Spring Security (a user with the dashboard's authority, HTTP Basic,
 * CSRF on the actions) and a real PostgreSQL. No runner or worker runs, so the jobs keep
 * the states the tests give them. Screenshots go to {@code target/dashboard-screenshots}.
 */
@QueueJobIntegrationTest(classes = DashboardBrowserTests.DashboardApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "queue-job.runner.enabled=false",
				"queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class DashboardBrowserTests {

	private static HeadlessChrome browser;

	@LocalServerPort
	int port;

	@Autowired
	JobStores stores;

	@Autowired
	JdbcTemplate jdbc;

	private UUID failed;

	private UUID done;

	private UUID mail;

	private UUID fetch;

	private UUID parse;

	private UUID publish;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChrome.start();
		browser.authenticateAs("operator", "secret");
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@BeforeEach
	void seedJobs() {
		this.failed = insert("invoiceService.export", "root.export", "Export invoice 7", JobState.FAILED, null);
		this.jdbc
			.update("""
					UPDATE queue_job SET retry = 5, exc_name = 'java.lang.IllegalStateException', exc_message = 'Printer on fire',
					    exc_info = ?, date_started = now(), date_failed = now() + interval '2 seconds' WHERE uuid = ?""",
					"java.lang.IllegalStateException: Printer on fire\n\tat com.example.Printer.print(Printer.java:42)\n",
					this.failed);
		this.done = insert("orderService.confirm", "root", "Confirm order 42", JobState.DONE, null);
		this.mail = insert("mailer.send", "root.mail", "Mail order confirmation", JobState.PENDING, null);
		UUID graph = UUID.randomUUID();
		this.fetch = insert("importer.fetch", "root", "Fetch feed", JobState.DONE, graph);
		this.parse = insert("importer.parse", "root", "Parse feed", JobState.PENDING, graph);
		this.publish = insert("importer.publish", "root", "Publish feed", JobState.WAIT_DEPENDENCIES, graph);
		this.stores.enqueue().insertDependency(id(this.fetch), id(this.parse));
		this.stores.enqueue().insertDependency(id(this.parse), id(this.publish));
		pauseAutoRefresh(true);
	}

	@AfterEach
	void pageHadNoErrors() {
		assertThat(browser.consoleErrors()).isEmpty();
	}

	@Test
	void listShowsTheSeededJobsAndTheirCountsPerState() {
		open("");
		List<String> descriptions = browser.waitUntil((driver) -> {
			List<String> shown = texts(driver, "#job-rows tr .job-cell a");
			return (shown.size() == 6) ? shown : null;
		});
		assertThat(descriptions).containsExactly("Publish feed", "Parse feed", "Fetch feed", "Mail order confirmation",
				"Confirm order 42", "Export invoice 7");
		assertThat(count("all")).isEqualTo("6");
		assertThat(count("failed")).isEqualTo("1");
		assertThat(count("pending")).isEqualTo("2");
		assertThat(count("done")).isEqualTo("2");
		assertThat(count("wait_dependencies")).isEqualTo("1");
		assertThat(count("started")).isEqualTo("0");
		assertThat(row(this.failed).getText()).contains("Failed", "invoiceService.export", "root.export",
				"IllegalStateException: Printer on fire");
		assertThat(browser.driver().findElement(By.id("load-more")).isDisplayed()).isFalse();
		browser.screenshot("job-list");
	}

	@Test
	void loadMoreShowsTheNextPage() {
		for (int i = 1; i <= 50; i++) {
			insert("mailer.send", "root.mail", "Newsletter " + i, JobState.PENDING, null);
		}
		open("#/jobs");
		waitForRows(50);
		assertThat(texts(browser.driver(), "#job-rows tr .job-cell a")).first().isEqualTo("Newsletter 50");
		browser.driver().findElement(By.id("load-more")).click();
		waitForRows(56);
		assertThat(texts(browser.driver(), "#job-rows tr .job-cell a")).last().isEqualTo("Export invoice 7");
		assertThat(browser.driver().findElement(By.id("load-more")).isDisplayed()).isFalse();
	}

	@Test
	void stateTabShowsOnlyTheJobsInThatState() {
		open("#/jobs");
		waitForRows(6);
		browser.driver().findElement(By.cssSelector("button[data-state='pending']")).click();
		browser.waitUntil((driver) -> rowUuids(driver).equals(List.of(this.parse.toString(), this.mail.toString())));
		assertThat(browser.driver()
			.findElement(By.cssSelector("button[data-state='pending']"))
			.getAttribute("aria-pressed")).isEqualTo("true");
		assertThat(browser.driver().getCurrentUrl()).endsWith("#/jobs?state=pending");
		browser.driver().findElement(By.cssSelector("button[data-state='failed']")).click();
		browser.waitUntil((driver) -> rowUuids(driver).equals(List.of(this.failed.toString())));
	}

	@Test
	void searchShowsTheJobsWhoseDescriptionOrExceptionMatches() {
		open("#/jobs");
		waitForRows(6);
		browser.driver().findElement(By.id("filter-text")).sendKeys("FEED");
		browser.waitUntil((driver) -> rowUuids(driver)
			.equals(List.of(this.publish.toString(), this.parse.toString(), this.fetch.toString())));
		WebElement text = browser.driver().findElement(By.id("filter-text"));
		text.clear();
		text.sendKeys("printer");
		browser.waitUntil((driver) -> rowUuids(driver).equals(List.of(this.failed.toString())));
	}

	@Test
	void creationDateRangeShowsTheJobsCreatedInIt() {
		open("#/jobs");
		waitForRows(6);
		setInput("filter-from", "2099-01-01T00:00");
		browser.waitUntil((driver) -> rowUuids(driver).isEmpty());
		assertThat(browser.driver().findElement(By.cssSelector(".empty")).getText())
			.isEqualTo("No jobs match these filters.");
		assertThat(count("all")).isEqualTo("0");
		setInput("filter-from", "2000-01-01T00:00");
		setInput("filter-to", "2099-01-01T00:00");
		waitForRows(6);
		assertThat(browser.driver().getCurrentUrl()).contains("createdFrom=2000-01-", "createdTo=2099-01-");
	}

	@Test
	void requeueOfAFailedJobFromItsPageMakesItPendingInTheDatabase() {
		open("#/jobs/" + this.failed);
		WebElement requeue = browser
			.waitUntil((driver) -> driver.findElement(By.cssSelector(".job-header button[data-action='requeue']")));
		assertThat(browser.driver().findElement(By.cssSelector(".exception-card")).getText()).contains(
				"java.lang.IllegalStateException: Printer on fire", "at com.example.Printer.print(Printer.java:42)");
		requeue.click();
		confirmDialog().findElement(By.cssSelector("[data-action='confirm']")).click();
		browser.waitUntil((driver) -> "pending".equals(state(this.failed)));
		assertThat(this.jdbc.queryForObject("SELECT retry FROM queue_job WHERE uuid = ?", Integer.class, this.failed))
			.isZero();
		browser.waitUntil(
				(driver) -> "Pending".equals(driver.findElement(By.cssSelector(".job-title-row .badge")).getText()));
	}

	@Test
	void aJobPageOffersExactlyTheActionsTheApiAllows() {
		open("#/jobs/" + this.done);
		browser.waitUntil((driver) -> driver.findElement(By.id("job-title")).getText().equals("Confirm order 42"));
		assertThat(actionButtons()).containsExactly("requeue");
		open("#/jobs/" + this.failed);
		browser.waitUntil((driver) -> driver.findElement(By.id("job-title")).getText().equals("Export invoice 7"));
		assertThat(actionButtons()).containsExactly("requeue", "cancel", "done");
		open("#/jobs/" + this.publish);
		browser.waitUntil((driver) -> driver.findElement(By.id("job-title")).getText().equals("Publish feed"));
		assertThat(actionButtons()).containsExactly("requeue", "cancel", "done");
	}

	@Test
	void bulkActionsAreOfferedWhenASelectedJobAllowsThem() {
		open("#/jobs");
		waitForRows(6);
		row(this.done).findElement(By.cssSelector("input[type='checkbox']")).click();
		browser.waitUntil((driver) -> driver.findElement(By.cssSelector("button[data-bulk='requeue']")).isEnabled());
		assertThat(browser.driver().findElement(By.cssSelector("button[data-bulk='cancel']")).isEnabled()).isFalse();
		assertThat(browser.driver().findElement(By.cssSelector("button[data-bulk='done']")).isEnabled()).isFalse();
		row(this.failed).findElement(By.cssSelector("input[type='checkbox']")).click();
		browser.waitUntil((driver) -> driver.findElement(By.cssSelector("button[data-bulk='done']")).isEnabled());
		assertThat(browser.driver().findElement(By.cssSelector("button[data-bulk='cancel']")).isEnabled()).isTrue();
	}

	@Test
	void bulkActionAsksForConfirmationFirst() {
		open("#/jobs");
		waitForRows(6);
		row(this.failed).findElement(By.cssSelector("input[type='checkbox']")).click();
		row(this.done).findElement(By.cssSelector("input[type='checkbox']")).click();
		WebElement requeue = browser.driver().findElement(By.cssSelector("button[data-bulk='requeue']"));
		assertThat(requeue.isEnabled()).isTrue();
		requeue.click();
		WebElement dialog = confirmDialog();
		assertThat(dialog.getText()).contains("Requeue: 2 jobs?", "Export invoice 7", "Confirm order 42");
		browser.screenshot("bulk-confirmation");
		dialog.findElement(By.cssSelector("[data-action='dismiss']")).click();
		browser.waitUntil((driver) -> driver.findElements(By.cssSelector("dialog[open]")).isEmpty());
		assertThat(state(this.failed)).isEqualTo("failed");
		assertThat(state(this.done)).isEqualTo("done");

		requeue.click();
		confirmDialog().findElement(By.cssSelector("[data-action='confirm']")).click();
		browser.waitUntil((driver) -> "pending".equals(state(this.failed)) && "pending".equals(state(this.done)));
		browser.waitUntil((driver) -> driver.findElement(By.id("messages")).getText().contains("2 jobs changed"));
		assertThat(state(this.mail)).isEqualTo("pending");
		assertThat(state(this.fetch)).isEqualTo("done");
	}

	@Test
	void graphOfAThreeJobChainIsDrawnWithThreeNodesAndTwoEdges() {
		open("#/jobs/" + this.parse);
		browser.waitUntil((driver) -> Long.valueOf(3)
			.equals(browser.script(
					"const graph = window.queueJobDashboard && window.queueJobDashboard.graph; return graph ? graph.nodes().length : null;")));
		assertThat(browser.script("return window.queueJobDashboard.graph.edges().length")).isEqualTo(2L);
		assertThat(browser.script(
				"return window.queueJobDashboard.graph.edges().map((edge) => edge.source().id() + '>' + edge.target().id()).sort()"))
			.asInstanceOf(LIST)
			.containsExactlyInAnyOrder(this.fetch + ">" + this.parse, this.parse + ">" + this.publish);
		assertThat(browser
			.script("return window.queueJobDashboard.graph.nodes().map((node) => node.data('state')).sort()"))
			.asInstanceOf(LIST)
			.containsExactly("done", "pending", "wait_dependencies");
		assertThat(browser.driver().findElements(By.cssSelector("#job-graph canvas"))).isNotEmpty();
		assertThat(texts(browser.driver(), ".neighbours a")).containsExactly(
				"Fetch feed (" + shortUuid(this.fetch) + ")", "Publish feed (" + shortUuid(this.publish) + ")");
		browser.script("document.getElementById('job-graph').scrollIntoView({ block: 'center' })");
		browser.screenshot("job-graph");
		browser.script("window.queueJobDashboard.graph.getElementById(arguments[0]).emit('tap')",
				this.fetch.toString());
		browser.waitUntil((driver) -> driver.findElement(By.id("job-title")).getText().equals("Fetch feed"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("#/jobs/" + this.fetch);
	}

	@Test
	void graphNodesOfAChainOfOneMethodCanBeToldApart() {
		UUID graph = UUID.randomUUID();
		List<UUID> steps = List.of(insert("mailer.step", "root", "Mailer.step", JobState.DONE, graph),
				insert("mailer.step", "root", "Mailer.step", JobState.PENDING, graph),
				insert("mailer.step", "root", "Mailer.step", JobState.WAIT_DEPENDENCIES, graph));
		this.stores.enqueue().insertDependency(id(steps.get(0)), id(steps.get(1)));
		this.stores.enqueue().insertDependency(id(steps.get(1)), id(steps.get(2)));
		open("#/jobs/" + steps.get(1));
		browser.waitUntil((driver) -> Long.valueOf(3)
			.equals(browser.script(
					"const graph = window.queueJobDashboard && window.queueJobDashboard.graph; return graph ? graph.nodes().length : null;")));
		assertThat(browser.script(
				"return Object.fromEntries(window.queueJobDashboard.graph.nodes().map((node) => [node.id(), node.data('label')]))"))
			.isEqualTo(Map.of(steps.get(0).toString(), "Mailer.step\n" + shortUuid(steps.get(0)),
					steps.get(1).toString(), "Mailer.step\n" + shortUuid(steps.get(1)), steps.get(2).toString(),
					"Mailer.step\n" + shortUuid(steps.get(2))));
		assertThat(texts(browser.driver(), ".graph-list a")).containsExactly(
				"Mailer.step (" + shortUuid(steps.get(0)) + ")", "Mailer.step (" + shortUuid(steps.get(1)) + ")",
				"Mailer.step (" + shortUuid(steps.get(2)) + ")");
		browser.script("document.getElementById('job-graph').scrollIntoView({ block: 'center' })");
		browser.screenshot("job-graph-one-method");
	}

	@Test
	void timelineOfAFailedJobEndsWithItsFailure() {
		open("#/jobs/" + this.failed);
		List<String> timeline = browser.waitUntil((driver) -> {
			List<String> entries = texts(driver, ".timeline li");
			return entries.isEmpty() ? null : entries;
		});
		assertThat(timeline).hasSize(3);
		assertThat(timeline.get(0)).startsWith("Created");
		assertThat(timeline.get(1)).startsWith("Started");
		assertThat(timeline.get(2)).startsWith("Failed").matches("Failed.*\\d.*");
		assertThat(texts(browser.driver(), ".timeline li time")).hasSize(3);
	}

	@Test
	void valuesAreShownAsTextNeverAsHtml() {
		UUID hostile = insert("mailer.send", "root", "<img src=x onerror=\"window.injected=true\">", JobState.PENDING,
				null);
		open("#/jobs");
		waitForRows(7);
		assertThat(row(hostile).findElement(By.cssSelector(".job-cell a")).getText())
			.isEqualTo("<img src=x onerror=\"window.injected=true\">");
		assertThat(browser.driver().findElements(By.cssSelector("#job-rows img"))).isEmpty();
		this.jdbc.update("UPDATE queue_job SET result = ? WHERE uuid = ?",
				"{\"html\":\"<img src=x onerror=\\\"window.injected=true\\\">\",\"lines\":[1,2]}", hostile);
		open("#/jobs/" + hostile);
		WebElement result = browser
			.waitUntil((driver) -> driver.findElement(By.cssSelector("section[aria-labelledby='result-title'] pre")));
		assertThat(result.getText()).isEqualTo("""
				{
				  "html": "<img src=x onerror=\\"window.injected=true\\">",
				  "lines": [
				    1,
				    2
				  ]
				}""");
		assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
		assertThat(browser.script("return window.injected === undefined")).isEqualTo(true);
	}

	@Test
	void channelsOverviewShowsTheJobsPerChannelAndState() {
		open("#/channels");
		WebElement export = browser
			.waitUntil((driver) -> driver.findElement(By.cssSelector("tr[data-channel='root.export']")));
		List<String> cells = export.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
		assertThat(cells.get(cells.size() - 2)).as("failed").isEqualTo("1");
		assertThat(cells).as("nothing held back").last().isEqualTo("—");
		WebElement root = browser.driver().findElement(By.cssSelector("tr[data-channel='root']"));
		assertThat(root.getText()).contains("root");
		assertThat(root.findElement(By.cssSelector("td.reasons [data-reason='parents']")).getText())
			.isEqualTo("parents 1");
		export.findElement(By.linkText("1")).click();
		browser.waitUntil((driver) -> rowUuids(driver).equals(List.of(this.failed.toString())));
		assertThat(browser.driver().getCurrentUrl()).contains("channel=root.export", "state=failed");
	}

	@Test
	void pauseFromTheChannelsOverviewPausesTheChannelInTheDatabaseAndResumeUndoesIt() {
		open("#/channels");
		WebElement pause = browser.waitUntil((driver) -> driver
			.findElement(By.cssSelector("tr[data-channel='root.mail'] button[data-action='pause']")));
		pause.click();
		confirmDialog().findElement(By.cssSelector("[data-action='confirm']")).click();
		browser.waitUntil((driver) -> pausedChannels().equals(List.of("root.mail")));
		WebElement resume = browser.waitUntil((driver) -> driver
			.findElement(By.cssSelector("tr[data-channel='root.mail'] button[data-action='resume']")));
		assertThat(browser.driver().findElement(By.cssSelector("tr[data-channel='root.mail'] .badge.paused")).getText())
			.isEqualTo("Paused");
		resume.click();
		confirmDialog().findElement(By.cssSelector("[data-action='confirm']")).click();
		browser.waitUntil((driver) -> pausedChannels().isEmpty());
	}

	@Test
	void aWaitingJobPageSaysWhatItWaitsFor() {
		open("#/jobs/" + this.publish);
		WebElement waiting = browser.waitUntil((driver) -> driver.findElement(By.cssSelector("[data-waiting]")));
		assertThat(waiting.getAttribute("data-waiting")).isEqualTo("parents");
		assertThat(waiting.getText()).contains("Waits for its parent " + this.parse);
		open("#/jobs/" + this.done);
		browser.waitUntil((driver) -> driver.findElement(By.id("job-title")).getText().equals("Confirm order 42"));
		assertThat(browser.driver().findElements(By.cssSelector("[data-waiting]"))).isEmpty();
	}

	@Test
	void aJobPageShowsItsPartitionKeyTimeoutDeadlineAndSchedule() {
		this.jdbc.update("""
				UPDATE queue_job SET partition_key = 'tenant-7', timeout = interval '90 seconds',
				    date_deadline = now() + interval '90 seconds', schedule = 'nightly-mail', scheduled_at = now()
				WHERE uuid = ?""", this.mail);
		open("#/jobs/" + this.mail);
		Map<String, String> fields = browser.waitUntil((driver) -> fieldsOfJob(driver, "Mail order confirmation"));
		assertThat(fields).containsEntry("Partition key", "tenant-7").containsEntry("Timeout", "PT1M30S");
		assertThat(fields.get("Deadline")).matches(".*\\d.*");
		assertThat(fields.get("Schedule")).startsWith("nightly-mail at ").matches(".*\\d.*");
		open("#/jobs/" + this.done);
		Map<String, String> plain = browser.waitUntil((driver) -> fieldsOfJob(driver, "Confirm order 42"));
		assertThat(plain).containsEntry("Partition key", "—")
			.containsEntry("Timeout", "—")
			.containsEntry("Deadline", "—")
			.containsEntry("Schedule", "—");
	}

	/**
	 * The fields of the job page once it shows the job of that title, or {@code null}.
	 */
	private static Map<String, String> fieldsOfJob(WebDriver driver, String title) {
		if (!driver.findElement(By.id("job-title")).getText().equals(title)) {
			return null;
		}
		List<String> names = texts(driver, "dl.fields dt");
		List<String> values = texts(driver, "dl.fields dd");
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			fields.put(names.get(i), values.get(i));
		}
		return fields.isEmpty() ? null : fields;
	}

	@Test
	void nodesOverviewShowsThisNode() {
		open("#/nodes");
		WebElement node = browser.waitUntil((driver) -> driver.findElement(By.cssSelector("tr[data-node]")));
		// This node runs neither the runner nor workers (the tests turn them off)
		assertThat(node.getText()).contains("runs no jobs", "s ago").doesNotContain("Runner", "Worker");
	}

	@Test
	void schedulesAreListedAndPausedAndResumedFromTheirTab() {
		this.jdbc.update("""
				INSERT INTO queue_job_schedule (name, job_function, fixed_rate, source, next_occurrence)
				VALUES ('hourly-mail', 'mailer.send', interval '1 hour', 'api', now() + interval '20 minutes')
				""");
		open("#/schedules");
		WebElement row = browser
			.waitUntil((driver) -> driver.findElement(By.cssSelector("tr[data-schedule='hourly-mail']")));
		assertThat(row.getText()).contains("hourly-mail", "mailer.send", "every PT1H", "Active", "in 20 min");
		row.findElement(By.cssSelector("button[data-action='pause']")).click();
		browser.waitUntil((driver) -> paused("hourly-mail"));
		browser.waitUntil((driver) -> driver.findElement(By.cssSelector("tr[data-schedule='hourly-mail']"))
			.getText()
			.contains("Paused"));
		browser.driver()
			.findElement(By.cssSelector("tr[data-schedule='hourly-mail'] button[data-action='resume']"))
			.click();
		browser.waitUntil((driver) -> !paused("hourly-mail"));
	}

	@Test
	void listRefreshesByItself() {
		open("#/jobs");
		waitForRows(6);
		pauseAutoRefresh(false);
		UUID late = insert("mailer.send", "root.mail", "Mail stored later", JobState.PENDING, null);
		browser.waitUntil((driver) -> rowUuids(driver).contains(late.toString()));
		assertThat(count("pending")).isEqualTo("3");
	}

	private void open(String hash) {
		WebDriver driver = browser.driver();
		driver.get("about:blank");
		driver.get("http://localhost:" + this.port + "/queue-job" + (hash.isEmpty() ? "" : "/" + hash));
	}

	// The setting is kept by the browser across pages; tests that click rows pause it, so
	// no refresh replaces the rows meanwhile.
	private void pauseAutoRefresh(boolean paused) {
		WebDriver driver = browser.driver();
		if (!driver.getCurrentUrl().startsWith("http://localhost:" + this.port)) {
			open("");
		}
		browser.script("window.localStorage.setItem('queue-job.auto-refresh', arguments[0])", paused ? "off" : "on");
		if (!paused) {
			browser.driver().navigate().refresh();
		}
	}

	// Sets a form field as a user would, ending with its change event.
	private void setInput(String id, String value) {
		browser.script("const input = document.getElementById(arguments[0]); input.value = arguments[1];"
				+ " input.dispatchEvent(new Event('change'));", id, value);
	}

	private void waitForRows(int count) {
		browser.waitUntil((driver) -> driver.findElements(By.cssSelector("#job-rows tr")).size() == count);
	}

	private List<String> actionButtons() {
		return browser.driver()
			.findElements(By.cssSelector(".job-header button[data-action]"))
			.stream()
			.map((button) -> button.getAttribute("data-action"))
			.toList();
	}

	private WebElement confirmDialog() {
		return browser.waitUntil((driver) -> driver.findElement(By.cssSelector("dialog[open]")));
	}

	private WebElement row(UUID uuid) {
		return browser.driver().findElement(By.cssSelector("#job-rows tr[data-uuid='" + uuid + "']"));
	}

	private String count(String state) {
		return browser.driver().findElement(By.cssSelector("[data-count='" + state + "']")).getText();
	}

	// Read in one script, so that a refresh cannot replace the rows halfway.
	@SuppressWarnings("unchecked")
	private static List<String> rowUuids(WebDriver driver) {
		return (List<String>) ((JavascriptExecutor) driver)
			.executeScript("return [...document.querySelectorAll('#job-rows tr')].map((row) => row.dataset.uuid)");
	}

	@SuppressWarnings("unchecked")
	private static List<String> texts(WebDriver driver, String selector) {
		return (List<String>) ((JavascriptExecutor) driver).executeScript(
				"return [...document.querySelectorAll(arguments[0])].map((element) => element.textContent)", selector);
	}

	private UUID insert(String function, String channel, String description, JobState state, UUID graph) {
		UUID uuid = UUID.randomUUID();
		this.stores.enqueue()
			.insert(new NewJob(uuid, graph, state, channel, 10, null, 5, function, "[42, {\"to\": \"ann\"}]",
					description, null, null));
		return uuid;
	}

	private static String shortUuid(UUID uuid) {
		return uuid.toString().substring(0, 8);
	}

	private long id(UUID uuid) {
		return this.jdbc.queryForObject("SELECT id FROM queue_job WHERE uuid = ?", Long.class, uuid);
	}

	private List<String> pausedChannels() {
		return this.jdbc.queryForList("SELECT channel FROM queue_job_channel_pause", String.class);
	}

	private boolean paused(String schedule) {
		return this.jdbc.queryForObject("SELECT paused FROM queue_job_schedule WHERE name = ?", Boolean.class,
				schedule);
	}

	private String state(UUID uuid) {
		return new JobRows(this.jdbc).stateOf(uuid);
	}

	/**
	 * An application of nothing but auto-configuration and one user allowed to use the
	 * dashboard.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DashboardApplication {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}secret").authorities("QUEUE_JOB_ADMIN").build());
		}

	}

}
