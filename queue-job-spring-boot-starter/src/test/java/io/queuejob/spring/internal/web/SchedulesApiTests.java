package io.queuejob.spring.internal.web;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.schedule.JobSchedules;
import io.queuejob.spring.schedule.ScheduleDefinition;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The schedules in the operations API and the Actuator endpoint: listed with their next
 * and previous occurrences and last job, paused, resumed and run now.
 */
@QueueJobIntegrationTest(classes = SchedulesApiTests.App.class, properties = { "queue-job.auto-startup=false",
		"queue-job.worker.enabled=false", "management.endpoints.web.exposure.include=queuejob" })
class SchedulesApiTests {

	private static final String API = "/queue-job/api/schedules";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JobSchedules schedules;

	@Autowired
	JdbcTemplate jdbc;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = AdminMockMvc.of(this.context);
		this.schedules.create(ScheduleDefinition.cron("nightly", "reports.run", "0 0 2 * * *")
			.withZone("Europe/Brussels")
			.withArguments("[\"all\"]"));
	}

	@Test
	void schedulesAreListedWithTheirTimingAndOccurrences() throws Exception {
		this.mvc.perform(get(API))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("nightly"))
			.andExpect(jsonPath("$[0].function").value("reports.run"))
			.andExpect(jsonPath("$[0].cron").value("0 0 2 * * *"))
			.andExpect(jsonPath("$[0].zone").value("Europe/Brussels"))
			.andExpect(jsonPath("$[0].arguments").value("[\"all\"]"))
			.andExpect(jsonPath("$[0].missed").value("skip"))
			.andExpect(jsonPath("$[0].overlap").value("allow"))
			.andExpect(jsonPath("$[0].source").value("api"))
			.andExpect(jsonPath("$[0].nextOccurrence").isString())
			.andExpect(jsonPath("$[0].lastOccurrence").value(nullValue()))
			.andExpect(jsonPath("$[0].lastJob").value(nullValue()));
	}

	@Test
	void pauseResumeAndRunNow() throws Exception {
		this.mvc.perform(post(API + "/nightly/pause").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paused").value(true));
		assertThat(this.schedules.find("nightly").get().paused()).isTrue();
		this.mvc.perform(post(API + "/nightly/resume").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paused").value(false));
		String uuid = this.mvc.perform(post(API + "/nightly/run").with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"uuid\":\"([^\"]+)\".*", "$1");
		assertThat(this.jdbc.queryForObject("SELECT schedule FROM queue_job WHERE uuid = ?::uuid", String.class, uuid))
			.isEqualTo("nightly");
		this.mvc.perform(get(API + "/nightly"))
			.andExpect(jsonPath("$.lastJob.uuid").value(uuid))
			.andExpect(jsonPath("$.lastJob.state").value("pending"))
			.andExpect(jsonPath("$.lastOccurrence").isString());
	}

	@Test
	void unknownScheduleIsNotFound() throws Exception {
		this.mvc.perform(post(API + "/absent/pause").with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Schedule not found"));
		this.mvc.perform(get(API + "/absent")).andExpect(status().isNotFound());
	}

	@Test
	void actionsNeedTheCsrfToken() throws Exception {
		this.mvc.perform(post(API + "/nightly/pause")).andExpect(status().isForbidden());
		assertThat(this.schedules.find("nightly").get().paused()).isFalse();
	}

	@Test
	void actuatorEndpointListsTheSchedules() throws Exception {
		this.mvc.perform(get("/actuator/queuejob"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.schedules[0].definition.name").value("nightly"))
			.andExpect(jsonPath("$.schedules[0].nextOccurrence").isString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	public static class Reports {

		@QueueJob
		public void run(String region) {
		}

	}

}
