package io.queuejob.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.queuejob.sample.order.NewOrder;
import io.queuejob.sample.order.OrderView;
import io.queuejob.sample.shipping.ShipmentView;
import io.queuejob.spring.testsupport.TestDatabase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample serves the queue-job dashboard at the URL the README gives, with the
 * sample's jobs in its API, the mail job linking to its order, and the nightly report's
 * schedule.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "queue-job.poll-interval=1s")
class DashboardTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.fresh().register(registry);
	}

	@LocalServerPort
	int port;

	@Test
	void dashboardShowsTheSampleJobs() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		ResponseEntity<String> page = http.get().uri("/queue-job/").retrieve().toEntity(String.class);
		assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getBody()).contains("queue-job");

		long order = http.post()
			.uri("/orders")
			.body(new NewOrder("Grace", "grace@example.com", new BigDecimal("7.00")))
			.retrieve()
			.body(OrderView.class)
			.id();
		List<Map<String, Object>> mails = await().atMost(Duration.ofSeconds(30))
			.until(() -> jobs(http, "confirmationMailer.sendConfirmation"), (jobs) -> !jobs.isEmpty());
		assertThat(mails).hasSize(1);
		Map<String, Object> detail = http.get()
			.uri("/queue-job/api/jobs/{uuid}", mails.get(0).get("uuid"))
			.retrieve()
			.body(JSON);
		assertThat(detail.get("related")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("url", "/orders/" + order);
		assertThat(jobs(http, "invoiceExporter.export")).hasSize(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void shipmentIsAGraphInTheDashboardApi() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		long order = http.post()
			.uri("/orders")
			.body(new NewOrder("Ada", "ada@example.com", new BigDecimal("12.00")))
			.retrieve()
			.body(OrderView.class)
			.id();
		ShipmentView shipment = http.post()
			.uri("/orders/{id}/ship?parcels=2", order)
			.retrieve()
			.body(ShipmentView.class);
		Map<String, Object> detail = http.get()
			.uri("/queue-job/api/jobs/{uuid}", shipment.jobs().get(0))
			.retrieve()
			.body(JSON);
		Map<String, Object> graph = (Map<String, Object>) detail.get("graph");
		List<Map<String, Object>> nodes = (List<Map<String, Object>>) graph.get("nodes");
		assertThat(nodes).extracting((node) -> node.get("description"))
			.containsExactlyInAnyOrder("Warehouse.reserveStock", "Warehouse.packParcel", "Warehouse.packParcel",
					"Carrier.bookPickup", "Warehouse.printDeliveryNote", "ShippingNotice.send");
		assertThat((List<?>) graph.get("edges")).hasSize(8);
		assertThat(detail.get("dependents")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
	}

	@Test
	void nightlyReportIsAScheduleInTheDashboardApiAndRunsNow() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		List<Map<String, Object>> schedules = http.get().uri("/queue-job/api/schedules").retrieve().body(LIST);
		assertThat(schedules).singleElement()
			.satisfies((schedule) -> assertThat(schedule).containsEntry("name", "nightlyReport.report")
				.containsEntry("cron", "0 0 2 * * *")
				.containsEntry("zone", "Europe/Brussels")
				.containsEntry("source", "properties")
				.containsKey("nextOccurrence"));
		http.post().uri("/queue-job/api/schedules/nightlyReport.report/run").retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jobs(http, "nightlyReport.report"),
					(jobs) -> jobs.size() == 1 && "done".equals(jobs.get(0).get("state")));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> jobs(RestClient http, String function) {
		Map<String, Object> page = http.get()
			.uri("/queue-job/api/jobs?function={function}", function)
			.retrieve()
			.body(JSON);
		return (List<Map<String, Object>>) page.get("jobs");
	}

}
