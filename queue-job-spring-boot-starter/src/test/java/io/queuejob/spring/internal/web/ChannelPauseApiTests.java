package io.queuejob.spring.internal.web;

import io.queuejob.spring.testsupport.AdminMockMvc;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pause and resume of a channel through the operations API.
 */
@QueueJobIntegrationTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false", "queue-job.channels=root:4, mail:2" })
class ChannelPauseApiTests {

	private static final String API = "/queue-job/api/channels";

	@Autowired
	WebApplicationContext context;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = AdminMockMvc.of(this.context);
	}

	@Test
	void pauseAndResumeAChannel() throws Exception {
		this.mvc.perform(post(API + "/root.mail/pause").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("root.mail"))
			.andExpect(jsonPath("$.capacity").value(2))
			.andExpect(jsonPath("$.paused").value(true));
		this.mvc.perform(get(API))
			.andExpect(jsonPath("$[?(@.name == 'root.mail')].paused").value(true))
			.andExpect(jsonPath("$[?(@.name == 'root')].paused").value(false));
		this.mvc.perform(post(API + "/mail/resume").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paused").value(false));
	}

	@Test
	void anInvalidChannelNameIsABadRequest() throws Exception {
		this.mvc.perform(post(API + "/a..b/pause").with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("channel"));
	}

	@Test
	void withoutCsrfTokenNothingIsPaused() throws Exception {
		this.mvc.perform(post(API + "/mail/pause")).andExpect(status().isForbidden());
		this.mvc.perform(get(API)).andExpect(jsonPath("$[?(@.name == 'root.mail')].paused").value(false));
	}

}
