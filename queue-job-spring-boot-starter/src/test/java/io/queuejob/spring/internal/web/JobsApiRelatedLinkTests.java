package io.queuejob.spring.internal.web;

import io.queuejob.core.JobState;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.RelatedAction;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A job whose function declares a related action shows the link, built from its stored
 * arguments, in the job's detail.
 */
@QueueJobIntegrationTest(classes = JobsApiRelatedLinkTests.LedgerApplication.class, properties = {
		"queue-job.runner.enabled=false", "queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class JobsApiRelatedLinkTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void detailCarriesTheRelatedLinkBuiltFromTheArguments() throws Exception {
		JobRows rows = new JobRows(this.jdbc);
		String related = rows.job(JobState.FAILED).function("ledger.post").insert().text();
		String plain = rows.job(JobState.FAILED).function("ledger.close").insert().text();
		MockMvc mvc = AdminMockMvc.of(this.context);
		mvc.perform(get("/queue-job/api/jobs/" + related))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.related.url").value("/ledger/42/x"))
			.andExpect(jsonPath("$.related.label").value("Entry 42"));
		mvc.perform(get("/queue-job/api/jobs/" + plain))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.related").isEmpty());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LedgerApplication {

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

	}

	static class Ledger {

		@QueueJob
		@RelatedAction(url = "/ledger/{0}/{1}", label = "Entry {0}")
		public void post(int entry, String book) {
		}

		@QueueJob
		public void close(int entry, String book) {
		}

	}

}
