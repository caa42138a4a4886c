package io.queuejob.sample;

import java.time.Duration;
import java.util.Map;

import io.queuejob.sample.audit.AuditJob;
import io.queuejob.spring.testsupport.TestDatabase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's Actuator endpoints show the queue-job health indicator and meters.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "queue-job.poll-interval=1s")
class ActuatorTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.fresh().register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	AuditJob audit;

	@Test
	void healthShowsQueueJobUp() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "UP".equals(queueJob(http.get().uri("/actuator/health").retrieve().body(JSON)).get("status")));
		Map<String, Object> queueJob = queueJob(http.get().uri("/actuator/health").retrieve().body(JSON));
		assertThat(queueJob.get("details")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("runnerElected", true)
			.containsEntry("listenerConnected", true);
	}

	@Test
	void metricsCountTheFailedAuditJob() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		this.audit.audit(1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get()
				.uri("/actuator/metrics/queue.job.failed?tag=function:auditJob.audit")
				.exchange((request, response) -> response.getStatusCode().is2xxSuccessful()));
		Map<String, Object> failed = http.get()
			.uri("/actuator/metrics/queue.job.failed?tag=function:auditJob.audit")
			.retrieve()
			.body(JSON);
		assertThat(failed.get("measurements").toString()).contains("value=1.0");
		Map<String, Object> pending = http.get().uri("/actuator/metrics/queue.job.pending").retrieve().body(JSON);
		assertThat(pending.get("availableTags").toString()).contains("root.mail");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> queueJob(Map<String, Object> health) {
		Map<String, Object> components = (Map<String, Object>) health.get("components");
		return (components != null) ? (Map<String, Object>) components.getOrDefault("queueJob", Map.of()) : Map.of();
	}

}
