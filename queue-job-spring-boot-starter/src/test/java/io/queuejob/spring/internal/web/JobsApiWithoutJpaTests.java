package io.queuejob.spring.internal.web;

import io.queuejob.core.JobState;
import io.queuejob.spring.store.JobRepository;
import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.JobRows;
import io.queuejob.spring.testsupport.JobRows.Stored;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operations API in an application that does not use JPA: Hibernate's and Spring Data
 * JPA's auto-configurations are excluded, so there is neither an entity manager factory
 * nor a {@link JobRepository}, and listing, reading and every action still work.
 */
@QueueJobIntegrationTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false",
		"spring.autoconfigure.exclude=org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
				+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
class JobsApiWithoutJpaTests {

	private static final String API = "/queue-job/api";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	private MockMvc mvc;

	private JobRows rows;

	@BeforeEach
	void setUp() {
		this.rows = new JobRows(this.jdbc);
		this.mvc = AdminMockMvc.of(this.context);
	}

	@Test
	void theApplicationHasNoJpa() {
		assertThat(this.context.getBeanNamesForType(EntityManagerFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(JobRepository.class)).isEmpty();
	}

	@Test
	void listsAndReadsJobsWithTheirAllowedActions() throws Exception {
		Stored failed = this.rows.job(JobState.FAILED).description("Export invoice 7").insert();
		this.mvc.perform(get(API + "/jobs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.jobs[0].uuid").value(failed.text()))
			.andExpect(jsonPath("$.jobs[0].allowedActions").value(Matchers.contains("requeue", "cancel", "done")));
		this.mvc.perform(get(API + "/jobs/" + failed.text()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.description").value("Export invoice 7"))
			.andExpect(jsonPath("$.state").value("failed"));
	}

	@Test
	void requeuesCancelsAndSetsDone() throws Exception {
		Stored failed = this.rows.job(JobState.FAILED).insert();
		this.mvc.perform(post(API + "/jobs/" + failed.text() + "/requeue").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("pending"));
		Stored parent = this.rows.job(JobState.PENDING).insert();
		Stored child = this.rows.job(JobState.WAIT_DEPENDENCIES).insert();
		this.rows.dependency(parent, child);
		this.mvc
			.perform(post(API + "/jobs/cancel").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"uuids\": [\"" + parent.text() + "\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed[0]").value(parent.text()));
		assertThat(this.rows.state(child)).isEqualTo(JobState.CANCELLED);
		Stored other = this.rows.job(JobState.FAILED).insert();
		Stored released = this.rows.job(JobState.WAIT_DEPENDENCIES).insert();
		this.rows.dependency(other, released);
		this.mvc.perform(post(API + "/jobs/" + other.text() + "/done").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("done"))
			.andExpect(jsonPath("$.allowedActions").value(Matchers.contains("requeue")));
		assertThat(this.rows.state(released)).isEqualTo(JobState.PENDING);
		this.mvc.perform(post(API + "/jobs/" + other.text() + "/done").with(csrf())).andExpect(status().isConflict());
	}

}
