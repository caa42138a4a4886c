package io.queuejob.spring.internal.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.JobRows.Stored;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The jobs of the operations API against a real database, as a user with the authority:
 * every filter, paging, counts, a job in full, the actions and bad parameters.
 */
@QueueJobIntegrationTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class JobsApiTests {

	private static final String API = "/queue-job/api";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	private MockMvc mvc;

	private JobRows rows;

	@BeforeEach
	void setUp() {
		this.rows = new JobRows(this.jdbc);
		this.mvc = AdminMockMvc.of(this.context);
	}

	@Test
	void listsNewestFirstWithEveryField() throws Exception {
		Instant at = Instant.parse("2026-11-23T10:00:00.123456Z");
		Stored older = this.rows.job(JobState.PENDING).created(at).insert();
		Stored newer = this.rows.job(JobState.FAILED)
			.created(at.plusSeconds(1))
			.channel("root.mail")
			.function("mailer.send")
			.description("Send mail 7")
			.exception("java.lang.IllegalStateException", "no server")
			.insert();
		this.jdbc.update("UPDATE queue_job SET partition_key = 'tenant-3' WHERE id = ?", newer.id());
		this.mvc.perform(get(API + "/jobs"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.jobs.length()").value(2))
			.andExpect(jsonPath("$.jobs[0].uuid").value(newer.text()))
			.andExpect(jsonPath("$.jobs[0].graphUuid").isEmpty())
			.andExpect(jsonPath("$.jobs[0].state").value("failed"))
			.andExpect(jsonPath("$.jobs[0].allowedActions").value(Matchers.contains("requeue", "cancel", "done")))
			.andExpect(jsonPath("$.jobs[0].channel").value("root.mail"))
			.andExpect(jsonPath("$.jobs[0].priority").value(10))
			.andExpect(jsonPath("$.jobs[0].function").value("mailer.send"))
			.andExpect(jsonPath("$.jobs[0].description").value("Send mail 7"))
			.andExpect(jsonPath("$.jobs[0].retry").value(0))
			.andExpect(jsonPath("$.jobs[0].maxRetries").value(5))
			.andExpect(jsonPath("$.jobs[0].dateCreated").value("2026-11-23T10:00:01.123456Z"))
			.andExpect(jsonPath("$.jobs[0].excName").value("java.lang.IllegalStateException"))
			.andExpect(jsonPath("$.jobs[0].excMessage").value("no server"))
			.andExpect(jsonPath("$.jobs[0].partitionKey").value("tenant-3"))
			.andExpect(jsonPath("$.jobs[1].uuid").value(older.text()))
			.andExpect(jsonPath("$.jobs[1].partitionKey").isEmpty())
			.andExpect(jsonPath("$.jobs[1].allowedActions").value(Matchers.contains("requeue", "cancel", "done")))
			.andExpect(jsonPath("$.nextCursor").isEmpty());
	}

	@Test
	void filtersByStatesChannelFunctionTextAndDates() throws Exception {
		Instant at = Instant.parse("2026-01-01T00:00:00Z");
		Stored failedMail = this.rows.job(JobState.FAILED).channel("root.mail").created(at).insert();
		Stored pending = this.rows.job(JobState.PENDING).created(at.plusSeconds(10)).insert();
		Stored done = this.rows.job(JobState.DONE)
			.function("invoiceService.export")
			.created(at.plusSeconds(20))
			.done(at.plusSeconds(100))
			.insert();
		Stored described = this.rows.job(JobState.DONE)
			.description("Export invoice 100% paid")
			.created(at.plusSeconds(30))
			.done(at.plusSeconds(200))
			.insert();
		Stored excepted = this.rows.job(JobState.FAILED)
			.exception("com.example.TimeoutError", "Gateway did not answer")
			.created(at.plusSeconds(40))
			.insert();
		assertThat(uuids("?state=failed")).containsExactly(excepted.uuid(), failedMail.uuid());
		assertThat(uuids("?state=failed&state=pending")).containsExactly(excepted.uuid(), pending.uuid(),
				failedMail.uuid());
		assertThat(uuids("?channel=root.mail")).containsExactly(failedMail.uuid());
		assertThat(uuids("?function=invoiceService.export")).containsExactly(done.uuid());
		assertThat(uuids(get(API + "/jobs").param("text", "100% PAID"))).containsExactly(described.uuid());
		assertThat(uuids(get(API + "/jobs").param("text", "100_"))).isEmpty();
		assertThat(uuids("?text=gateway")).containsExactly(excepted.uuid());
		assertThat(uuids("?text=timeouterror")).containsExactly(excepted.uuid());
		assertThat(uuids("?createdFrom=2026-01-01T00:00:10Z&createdTo=2026-01-01T00:00:30Z"))
			.containsExactly(done.uuid(), pending.uuid());
		assertThat(uuids("?doneFrom=2026-01-01T00:01:40Z&doneTo=2026-01-01T00:03:20Z")).containsExactly(done.uuid());
		assertThat(uuids("?doneFrom=2026-01-01T00:01:41Z")).containsExactly(described.uuid());
		assertThat(uuids("?state=done&channel=root.mail")).isEmpty();
		assertThat(uuids("?sort=oldest&state=failed")).containsExactly(failedMail.uuid(), excepted.uuid());
	}

	@Test
	void pagesThroughEveryJobOnceInBothOrders() throws Exception {
		Instant at = Instant.parse("2026-02-01T00:00:00Z");
		List<UUID> created = new ArrayList<>();
		JobState[] states = { JobState.DONE, JobState.FAILED, JobState.PENDING, JobState.CANCELLED };
		for (int i = 0; i < 23; i++) {
			// pairs of jobs share a creation instant, so the id breaks the tie
			created.add(this.rows.job(states[i % states.length]).created(at.plusSeconds(i / 2)).insert().uuid());
		}
		List<UUID> newest = readAllPages("?limit=5");
		assertThat(newest).hasSize(23).doesNotHaveDuplicates();
		assertThat(newest).containsExactlyElementsOf(reversed(created));
		List<UUID> oldest = readAllPages("?limit=4&sort=oldest");
		assertThat(oldest).containsExactlyElementsOf(created);
		List<UUID> failedOrDone = readAllPages("?limit=2&state=done&state=failed");
		assertThat(failedOrDone).hasSize(12).doesNotHaveDuplicates();
	}

	@Test
	void pagesStayStableWhenJobsAreInsertedMeanwhile() throws Exception {
		Instant at = Instant.parse("2026-03-01T00:00:00Z");
		for (int i = 0; i < 6; i++) {
			this.rows.job(JobState.PENDING).created(at.plusSeconds(i)).insert();
		}
		JsonNode first = read(get(API + "/jobs?limit=3"));
		this.rows.job(JobState.PENDING).created(at.plusSeconds(100)).insert();
		JsonNode second = read(get(API + "/jobs?limit=3&cursor=" + first.get("nextCursor").asString()));
		Set<String> seen = new HashSet<>();
		first.get("jobs").forEach((job) -> seen.add(job.get("uuid").asString()));
		second.get("jobs").forEach((job) -> assertThat(seen.add(job.get("uuid").asString())).isTrue());
		assertThat(seen).hasSize(6);
		assertThat(second.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void countsEveryStateWithTheFilters() throws Exception {
		this.rows.job(JobState.FAILED).channel("root.mail").insert();
		this.rows.job(JobState.FAILED).insert();
		this.rows.job(JobState.PENDING).insert();
		this.rows.job(JobState.STARTED).insert();
		this.mvc.perform(get(API + "/jobs/counts"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.wait_dependencies").value(0))
			.andExpect(jsonPath("$.pending").value(1))
			.andExpect(jsonPath("$.enqueued").value(0))
			.andExpect(jsonPath("$.started").value(1))
			.andExpect(jsonPath("$.done").value(0))
			.andExpect(jsonPath("$.cancelled").value(0))
			.andExpect(jsonPath("$.failed").value(2))
			.andExpect(jsonPath("$.capped").isEmpty());
		this.mvc.perform(get(API + "/jobs/counts?channel=root.mail"))
			.andExpect(jsonPath("$.failed").value(1))
			.andExpect(jsonPath("$.pending").value(0));
	}

	@Test
	void countsAreCappedForBigStates() throws Exception {
		this.jdbc.update("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args, date_done)
				SELECT gen_random_uuid(), 'done', 'root', 10, 5, 'orderService.confirm', '[]', now()
				FROM generate_series(1, 10001)
				""");
		this.rows.job(JobState.FAILED).insert();
		this.mvc.perform(get(API + "/jobs/counts"))
			.andExpect(jsonPath("$.done").value(10000))
			.andExpect(jsonPath("$.failed").value(1))
			.andExpect(jsonPath("$.capped.length()").value(1))
			.andExpect(jsonPath("$.capped[0]").value("done"));
	}

	@Test
	void channelsCountTheActiveJobsOfTheConfiguredChannelsAndOfEveryChannelWithJobs() throws Exception {
		for (JobState state : List.of(JobState.PENDING, JobState.PENDING, JobState.ENQUEUED, JobState.STARTED,
				JobState.FAILED, JobState.WAIT_DEPENDENCIES, JobState.DONE, JobState.CANCELLED)) {
			this.rows.job(state).channel("root.mail").insert();
		}
		this.rows.job(JobState.FAILED).channel("root.other").insert();
		this.rows.job(JobState.DONE).channel("root.finished").insert();
		this.mvc.perform(get(API + "/channels"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[0].name").value("root"))
			.andExpect(jsonPath("$[0].capacity").isEmpty())
			.andExpect(jsonPath("$[0].sequential").value(false))
			.andExpect(jsonPath("$[0].pending").value(0))
			.andExpect(jsonPath("$[1].name").value("root.mail"))
			.andExpect(jsonPath("$[1].waiting").value(1))
			.andExpect(jsonPath("$[1].pending").value(2))
			.andExpect(jsonPath("$[1].enqueued").value(1))
			.andExpect(jsonPath("$[1].started").value(1))
			.andExpect(jsonPath("$[1].failed").value(1))
			.andExpect(jsonPath("$[2].name").value("root.other"))
			.andExpect(jsonPath("$[2].failed").value(1));
	}

	@Test
	void functionsAreEmptyWithoutJobFunctions() throws Exception {
		this.mvc.perform(get(API + "/functions")).andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
	}

	@Test
	void detailShowsArgumentsOutcomeNeighboursAndGraph() throws Exception {
		UUID graph = UUID.randomUUID();
		Stored first = this.rows.job(JobState.DONE).graph(graph).function("importer.fetch").insert();
		Stored second = this.rows.job(JobState.FAILED)
			.graph(graph)
			.function("importer.parse")
			.exception("java.io.IOException", "bad feed")
			.identityKey("feed-1")
			.insert();
		Stored third = this.rows.job(JobState.WAIT_DEPENDENCIES).graph(graph).function("importer.publish").insert();
		this.rows.dependency(first, second);
		this.rows.dependency(second, third);
		this.jdbc.update(
				"""
						UPDATE queue_job SET exc_info = 'trace', result = 'r', exec_time_ms = 12,
						    date_failed = '2026-11-23T10:00:02.5Z', partition_key = 'feed-host-1', timeout = interval '90 seconds',
						    date_deadline = '2026-11-23T10:01:30Z', schedule = 'hourly-import', scheduled_at = '2026-11-23T10:00:00Z'
						WHERE id = ?""",
				second.id());
		this.mvc.perform(get(API + "/jobs/" + second.text()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.uuid").value(second.text()))
			.andExpect(jsonPath("$.graphUuid").value(graph.toString()))
			.andExpect(jsonPath("$.state").value("failed"))
			.andExpect(jsonPath("$.args[0]").value(42))
			.andExpect(jsonPath("$.args[1]").value("x"))
			.andExpect(jsonPath("$.excInfo").value("trace"))
			.andExpect(jsonPath("$.result").value("r"))
			.andExpect(jsonPath("$.execTimeMs").value(12))
			.andExpect(jsonPath("$.dateFailed").value("2026-11-23T10:00:02.500Z"))
			.andExpect(jsonPath("$.identityKey").value("feed-1"))
			.andExpect(jsonPath("$.partitionKey").value("feed-host-1"))
			.andExpect(jsonPath("$.timeout").value("PT1M30S"))
			.andExpect(jsonPath("$.dateDeadline").value("2026-11-23T10:01:30Z"))
			.andExpect(jsonPath("$.schedule").value("hourly-import"))
			.andExpect(jsonPath("$.scheduledAt").value("2026-11-23T10:00:00Z"))
			.andExpect(jsonPath("$.dependsOn[0]").value(first.text()))
			.andExpect(jsonPath("$.dependents[0]").value(third.text()))
			.andExpect(jsonPath("$.graph.nodes.length()").value(3))
			.andExpect(jsonPath("$.graph.nodes[0].uuid").value(first.text()))
			.andExpect(jsonPath("$.graph.nodes[0].state").value("done"))
			.andExpect(jsonPath("$.graph.nodes[0].function").value("importer.fetch"))
			.andExpect(jsonPath("$.graph.edges.length()").value(2))
			.andExpect(jsonPath("$.graph.edges[0].parent").value(first.text()))
			.andExpect(jsonPath("$.graph.edges[0].child").value(second.text()))
			.andExpect(jsonPath("$.related").isEmpty());
		this.mvc.perform(get(API + "/jobs/" + this.rows.job(JobState.PENDING).insert().text()))
			.andExpect(jsonPath("$.graph").isEmpty())
			.andExpect(jsonPath("$.partitionKey").isEmpty())
			.andExpect(jsonPath("$.timeout").isEmpty())
			.andExpect(jsonPath("$.schedule").isEmpty())
			.andExpect(jsonPath("$.dependsOn").isEmpty());
	}

	@Test
	void unknownJobIsNotFoundAndMalformedUuidIsBadRequest() throws Exception {
		this.mvc.perform(get(API + "/jobs/" + UUID.randomUUID()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get(API + "/jobs/not-a-uuid"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("uuid"));
		this.mvc.perform(post(API + "/jobs/" + UUID.randomUUID() + "/requeue").with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void badParametersAreRejectedNamingTheParameter() throws Exception {
		for (String query : List.of("state=running", "limit=0", "limit=201", "limit=ten", "sort=random",
				"createdFrom=yesterday", "createdTo=2026-13-01T00:00:00Z", "doneFrom=1", "doneTo=x", "cursor=abc")) {
			String parameter = query.substring(0, query.indexOf('='));
			this.mvc.perform(get(API + "/jobs?" + query))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.parameter").value(parameter))
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(parameter)));
		}
	}

	@Test
	void valuesTheDatabaseWouldRefuseAreRejectedNamingTheParameter() throws Exception {
		String forged = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("1:NEWEST:99999999999999:0:1".getBytes());
		String[][] cases = { { "channel", "root\u0000" }, { "function", "a\u0000b" }, { "text", "\u0000" },
				{ "text", "a\u0007" }, { "channel", "c".repeat(256) }, { "function", "f".repeat(256) },
				{ "createdFrom", "+300000-01-01T00:00:00Z" }, { "createdTo", "-4714-01-01T00:00:00Z" },
				{ "doneFrom", "+294277-01-01T00:00:00Z" }, { "doneTo", "+1000000000-12-31T23:59:59Z" },
				{ "cursor", forged } };
		for (String[] bad : cases) {
			for (String path : List.of("/jobs", "/jobs/counts")) {
				if (bad[0].equals("cursor") && path.endsWith("counts")) {
					continue;
				}
				this.mvc.perform(get(API + path).param(bad[0], bad[1]))
					.andExpect(status().isBadRequest())
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.parameter").value(bad[0]))
					.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(bad[0])));
			}
		}
	}

	@Test
	void theWholeRangeOfDatabaseTimestampsIsAccepted() throws Exception {
		Stored done = this.rows.job(JobState.DONE).done(Instant.parse("2026-01-01T00:00:00Z")).insert();
		String from = "-4713-11-24T00:00:00Z";
		String to = "+294276-12-31T23:59:59.999999Z";
		assertThat(uuids(get(API + "/jobs").param("createdFrom", from)
			.param("createdTo", to)
			.param("doneFrom", from)
			.param("doneTo", to))).containsExactly(done.uuid());
		this.mvc.perform(get(API + "/jobs/counts").param("createdFrom", from).param("doneTo", to))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.done").value(1));
	}

	@Test
	void unknownPathsAndMethodsOfTheApiAnswerProblemDetails() throws Exception {
		this.mvc.perform(put(API + "/jobs").with(csrf()))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(header().string(HttpHeaders.ALLOW, "GET"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(405));
		this.mvc.perform(get(API + "/nothing"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void aCursorOfAnotherOrderIsRejected() throws Exception {
		this.rows.job(JobState.PENDING).insert();
		this.rows.job(JobState.PENDING).insert();
		String cursor = read(get(API + "/jobs?limit=1")).get("nextCursor").asString();
		this.mvc.perform(get(API + "/jobs?sort=oldest&cursor=" + cursor))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("cursor"));
	}

	@Test
	void requeueCancelAndDoneOneJobInAnAllowedState() throws Exception {
		Stored failed = this.rows.job(JobState.FAILED).insert();
		this.jdbc.update("UPDATE queue_job SET retry = 3 WHERE id = ?", failed.id());
		this.mvc.perform(post(API + "/jobs/" + failed.text() + "/requeue").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.uuid").value(failed.text()))
			.andExpect(jsonPath("$.state").value("pending"))
			.andExpect(jsonPath("$.retry").value(0));
		Stored pending = this.rows.job(JobState.PENDING).insert();
		this.mvc.perform(post(API + "/jobs/" + pending.text() + "/cancel").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("cancelled"));
		Stored parent = this.rows.job(JobState.FAILED).insert();
		Stored child = this.rows.job(JobState.WAIT_DEPENDENCIES).insert();
		this.rows.dependency(parent, child);
		this.mvc.perform(post(API + "/jobs/" + parent.text() + "/done").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("done"));
		assertThat(this.rows.state(child)).isEqualTo(JobState.PENDING);
	}

	@Test
	void actionsOnOneJobInARefusedStateAnswerConflict() throws Exception {
		Stored started = this.rows.job(JobState.STARTED).insert();
		for (String action : List.of("requeue", "done")) {
			this.mvc.perform(post(API + "/jobs/" + started.text() + "/" + action).with(csrf()))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.state").value("started"));
		}
		this.mvc.perform(post(API + "/jobs/" + started.text() + "/requeue").with(csrf()))
			.andExpect(jsonPath("$.detail")
				.value("job " + started.text() + " is started; a started job cannot be requeued"));
		Stored done = this.rows.job(JobState.DONE).insert();
		this.mvc.perform(post(API + "/jobs/" + done.text() + "/cancel").with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("job " + done.text() + " is done; a done job cannot be cancelled"));
		this.mvc.perform(post(API + "/jobs/" + done.text() + "/done").with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("job " + done.text() + " is done; a done job cannot be set done"));
		assertThat(this.rows.state(started)).isEqualTo(JobState.STARTED);
		assertThat(this.rows.state(done)).isEqualTo(JobState.DONE);
	}

	@Test
	void everyJobListsTheActionsItsStateAllowsAndOnlyThoseAreTaken() throws Exception {
		for (JobState state : JobState.values()) {
			Stored job = this.rows.job(state).insert();
			List<String> allowed = JobAction.allowedIn(state).stream().map(JobAction::id).toList();
			this.mvc.perform(get(API + "/jobs/" + job.text()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.allowedActions").value(Matchers.equalTo(allowed)));
			this.mvc.perform(get(API + "/jobs").param("state", state.dbValue()))
				.andExpect(jsonPath("$.jobs[0].allowedActions").value(Matchers.equalTo(allowed)));
		}
		assertThat(JobAction.allowedIn(JobState.DONE)).containsExactly(JobAction.REQUEUE);
		assertThat(JobAction.allowedIn(JobState.STARTED)).containsExactly(JobAction.CANCEL);
		for (JobState state : JobState.values()) {
			for (JobAction action : JobAction.values()) {
				Stored job = this.rows.job(state).insert();
				this.mvc.perform(post(API + "/jobs/" + job.text() + "/" + action.id()).with(csrf()))
					.andExpect(action.isAllowedFrom(state) ? status().isOk() : status().isConflict());
			}
		}
	}

	@Test
	void bulkActionsChangeTheAllowedJobsAndListTheRefusedOnes() throws Exception {
		Stored failed = this.rows.job(JobState.FAILED).insert();
		Stored cancelled = this.rows.job(JobState.CANCELLED).insert();
		Stored started = this.rows.job(JobState.STARTED).insert();
		UUID unknown = UUID.randomUUID();
		this.mvc
			.perform(post(API + "/jobs/requeue").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(selection(failed.text(), cancelled.text(), started.text(), unknown.toString())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed.length()").value(2))
			.andExpect(jsonPath("$.changed[0]").value(failed.text()))
			.andExpect(jsonPath("$.changed[1]").value(cancelled.text()))
			.andExpect(jsonPath("$.refused.length()").value(2))
			.andExpect(jsonPath("$.refused[0].uuid").value(started.text()))
			.andExpect(jsonPath("$.refused[0].state").value("started"))
			.andExpect(jsonPath("$.refused[0].reason").value("a started job cannot be requeued"))
			.andExpect(jsonPath("$.refused[1].uuid").value(unknown.toString()))
			.andExpect(jsonPath("$.refused[1].state").isEmpty())
			.andExpect(jsonPath("$.refused[1].reason").value("not found"));
		assertThat(this.rows.state(failed)).isEqualTo(JobState.PENDING);
		assertThat(this.rows.state(cancelled)).isEqualTo(JobState.PENDING);

		Stored waitingParent = this.rows.job(JobState.PENDING).insert();
		Stored waitingChild = this.rows.job(JobState.WAIT_DEPENDENCIES).insert();
		this.rows.dependency(waitingParent, waitingChild);
		Stored done = this.rows.job(JobState.DONE).insert();
		this.mvc
			.perform(post(API + "/jobs/cancel").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(selection(waitingParent.text(), done.text())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed[0]").value(waitingParent.text()))
			.andExpect(jsonPath("$.refused[0].uuid").value(done.text()))
			.andExpect(jsonPath("$.refused[0].reason").value("a done job cannot be cancelled"));
		assertThat(this.rows.state(waitingChild)).isEqualTo(JobState.CANCELLED);

		Stored enqueued = this.rows.job(JobState.ENQUEUED).insert();
		this.mvc
			.perform(post(API + "/jobs/done").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(selection(enqueued.text(), started.text())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed[0]").value(enqueued.text()))
			.andExpect(jsonPath("$.refused[0].reason").value("a started job cannot be set done"));
		assertThat(this.rows.state(enqueued)).isEqualTo(JobState.DONE);
		assertThat(this.rows.state(started)).isEqualTo(JobState.STARTED);
	}

	@Test
	void requeueRefusesAJobWhoseIdentityKeyAnotherWaitingJobHolds() throws Exception {
		Stored failed = this.rows.job(JobState.FAILED).identityKey("order-1").insert();
		this.rows.job(JobState.PENDING).identityKey("order-1").insert();
		this.mvc.perform(post(API + "/jobs/" + failed.text() + "/requeue").with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("identity key")));
		assertThat(this.rows.state(failed)).isEqualTo(JobState.FAILED);
	}

	@Test
	void bulkBodiesAreValidated() throws Exception {
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			tooMany.add(UUID.randomUUID().toString());
		}
		for (String body : List.of("{}", "{\"uuids\": []}", "{\"uuids\": [\"nope\"]}", "not json",
				selection(tooMany.toArray(String[]::new)))) {
			this.mvc
				.perform(post(API + "/jobs/cancel").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.parameter").value("uuids"));
		}
	}

	private String selection(String... uuids) {
		return this.json.writeValueAsString(java.util.Map.of("uuids", List.of(uuids)));
	}

	private List<UUID> uuids(String query) throws Exception {
		return uuids(get(API + "/jobs" + query));
	}

	private List<UUID> uuids(MockHttpServletRequestBuilder request) throws Exception {
		List<UUID> uuids = new ArrayList<>();
		read(request).get("jobs").forEach((job) -> uuids.add(UUID.fromString(job.get("uuid").asString())));
		return uuids;
	}

	private List<UUID> readAllPages(String query) throws Exception {
		List<UUID> uuids = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = read(get(API + "/jobs" + query + ((cursor != null) ? "&cursor=" + cursor : "")));
			page.get("jobs").forEach((job) -> uuids.add(UUID.fromString(job.get("uuid").asString())));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);
		return uuids;
	}

	private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = this.mvc.perform(request).andExpect(status().isOk()).andReturn();
		return this.json.readTree(result.getResponse().getContentAsString());
	}

	private static List<UUID> reversed(List<UUID> uuids) {
		List<UUID> reversed = new ArrayList<>(uuids);
		java.util.Collections.reverse(reversed);
		return reversed;
	}

}
