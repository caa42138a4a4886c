package io.queuejob.sample.notify;

import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.queuejob.sample.audit.AuditJob;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failing audit job, run by the real workers, reaches the chat through
 * {@link FailedJobNotifier}.
 */
@SpringBootTest(properties = "queue-job.poll-interval=1s")
class FailedJobNotifierTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.fresh().register(registry);
	}

	@Autowired
	AuditJob audit;

	@Autowired
	RecordingChatSender chat;

	@Autowired
	JdbcClient jdbc;

	@Test
	void failedAuditJobIsToldToTheOpsRoom() {
		this.audit.audit(4711);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.chat.messages().isEmpty());
		UUID uuid = this.jdbc.sql("SELECT uuid FROM queue_job WHERE job_function = 'auditJob.audit'")
			.query(UUID.class)
			.single();
		ChatMessage message = this.chat.messages().peek();
		assertThat(message.room()).isEqualTo("ops");
		assertThat(message.text()).startsWith("Job failed: Audit an order (auditJob.audit, job " + uuid)
			.contains(IllegalStateException.class.getName())
			.contains("Audit of order 4711 failed");
		assertThat(this.jdbc.sql("SELECT state FROM queue_job WHERE uuid = ?").param(uuid).query(String.class).single())
			.isEqualTo("failed");
	}

	/**
	 * Keeps the messages instead of logging them.
	 */
	static class RecordingChatSender implements ChatSender {

		private final Queue<ChatMessage> messages = new ConcurrentLinkedQueue<>();

		@Override
		public void send(ChatMessage message) {
			this.messages.add(message);
		}

		Queue<ChatMessage> messages() {
			return this.messages;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Chat {

		@Bean
		@Primary
		RecordingChatSender recordingChatSender() {
			return new RecordingChatSender();
		}

	}

}
