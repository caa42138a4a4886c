package io.queuejob.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.queuejob.sample.order.NewOrder;
import io.queuejob.sample.order.OrderView;
import io.queuejob.sample.shipping.ShipmentView;
import io.queuejob.spring.RelatedLink;
import io.queuejob.spring.RelatedLinks;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample over HTTP, with the real runner and workers, on a fresh PostgreSQL database:
 * an order's jobs run to their ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "queue-job.poll-interval=1s")
class OrderFlowTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.fresh().register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RelatedLinks relatedLinks;

	RestClient http;

	@BeforeEach
	void http() {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void orderJobsRunToTheirEnds() {
		ResponseEntity<OrderView> placed = this.http.post()
			.uri("/orders")
			.body(new NewOrder("Ada", "ada@example.com", new BigDecimal("42.50")))
			.retrieve()
			.toEntity(OrderView.class);
		assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		long id = placed.getBody().id();
		assertThat(placed.getBody().amount()).isEqualTo(new BigDecimal("42.50"));
		assertThat(placed.getHeaders().getLocation()).hasToString("/orders/" + id);
		assertThat(this.http.post().uri("/orders/{id}/audit", id).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);

		Map<String, Object> mail = awaitJob("confirmationMailer.sendConfirmation", id, "done");
		assertThat(mail).containsEntry("retry", 2)
			.containsEntry("channel", "root.mail")
			.containsEntry("max_retries", 4)
			.containsEntry("exc_name", null);
		assertThat(this.relatedLinks.linkFor("confirmationMailer.sendConfirmation", mail.get("args").toString()))
			.contains(new RelatedLink("/orders/" + id, "Order " + id));
		Map<String, Object> export = awaitJob("invoiceExporter.export", id, "done");
		assertThat(export).containsEntry("retry", 1).containsEntry("channel", "root.export");
		Map<String, Object> points = awaitJob("loyaltyPoints.award", id, "done");
		assertThat(points).containsEntry("priority", 1)
			.containsEntry("description", "Award the loyalty points of order " + id);
		assertThat(points.get("eta")).isNotNull();
		Map<String, Object> audit = awaitJob("auditJob.audit", id, "failed");
		assertThat(audit).containsEntry("exc_name", IllegalStateException.class.getName()).containsEntry("retry", 1);
		assertThat((String) audit.get("exc_message")).contains("Audit of order " + id + " failed");
		assertThat((String) audit.get("exc_info")).contains("at io.queuejob.sample.audit.AuditJob.audit");

		OrderView order = this.http.get().uri("/orders/{id}", id).retrieve().body(OrderView.class);
		assertThat(order.invoiceExported()).isTrue();
		assertThat(order.invoiceNumber()).isEqualTo("INV-%06d".formatted(id));
		assertThat(order.confirmationSentAt()).isNotNull();
		assertThat(order.loyaltyPoints()).isEqualTo(42);
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM invoice WHERE order_id = ?").param(id).query(Long.class).single())
			.isOne();

		List<Map<String, Object>> jobs = this.http.get()
			.uri("/jobs")
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		assertThat(jobs).extracting((job) -> job.get("jobFunction") + " " + job.get("state"))
			.contains("confirmationMailer.sendConfirmation done", "invoiceExporter.export done",
					"loyaltyPoints.award done", "auditJob.audit failed");
		assertThat(jobs).filteredOn((job) -> "auditJob.audit".equals(job.get("jobFunction")))
			.first()
			.satisfies((job) -> assertThat(job).containsEntry("excName", IllegalStateException.class.getName())
				.containsKeys("uuid", "channel", "priority", "retry", "eta", "result", "excMessage", "dateCreated",
						"dateDone"));
	}

	@Test
	void shipmentRunsAsAGraphAndMarksTheOrderShipped() {
		long id = place("Barbara");
		ResponseEntity<ShipmentView> shipped = this.http.post()
			.uri("/orders/{id}/ship?parcels=2", id)
			.retrieve()
			.toEntity(ShipmentView.class);
		assertThat(shipped.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		ShipmentView shipment = shipped.getBody();
		assertThat(shipment.jobs()).hasSize(6);
		assertThat(shipment.dashboard()).isEqualTo("/queue-job/#/jobs/" + shipment.jobs().get(0));
		await().atMost(PATIENCE)
			.until(() -> this.jdbc.sql("SELECT count(*) FROM queue_job WHERE uuid = ANY (?::uuid[]) AND state = 'done'")
				.param(shipment.jobs().stream().map(Object::toString).toArray(String[]::new))
				.query(Long.class)
				.single() == 6);
		List<String> edges = this.jdbc.sql("""
				SELECT p.job_function || ' > ' || c.job_function
				FROM queue_job_dependency d
				JOIN queue_job p ON p.id = d.parent_id
				JOIN queue_job c ON c.id = d.child_id
				WHERE p.args ->> 0 = ?
				""").param(String.valueOf(id)).query(String.class).list();
		assertThat(edges).containsExactlyInAnyOrder("warehouse.reserveStock > warehouse.packParcel",
				"warehouse.reserveStock > warehouse.packParcel", "warehouse.packParcel > carrier.bookPickup",
				"warehouse.packParcel > carrier.bookPickup", "warehouse.packParcel > warehouse.printDeliveryNote",
				"warehouse.packParcel > warehouse.printDeliveryNote", "carrier.bookPickup > shippingNotice.send",
				"warehouse.printDeliveryNote > shippingNotice.send");
		assertThat(this.jdbc.sql(
				"SELECT count(DISTINCT graph_uuid) FROM queue_job WHERE uuid = ANY (?::uuid[]) AND graph_uuid IS NOT NULL")
			.param(shipment.jobs().stream().map(Object::toString).toArray(String[]::new))
			.query(Long.class)
			.single()).isOne();
		assertThat(this.http.get().uri("/orders/{id}", id).retrieve().body(OrderView.class).shippedAt()).isNotNull();
	}

	@Test
	void shipmentOfAnUnknownOrderOrWithTooManyParcelsStoresNoJob() {
		long id = place("Alan");
		long jobsBefore = jobCount();
		assertThat(this.http.post().uri("/orders/{id}/ship", 999_999).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<Map<String, Object>> tooMany = this.http.post()
			.uri("/orders/{id}/ship?parcels=11", id)
			.retrieve()
			.toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(tooMany.getBody()).containsEntry("detail", "parcels must be from 1 to 10");
		assertThat(jobCount()).isEqualTo(jobsBefore);
	}

	@Test
	void jobsAreListedNewestFirst() {
		long first = place("Grace");
		long second = place("Edsger");
		List<Map<String, Object>> jobs = this.http.get()
			.uri("/jobs?limit=1000")
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		List<String> mails = jobs.stream()
			.filter((job) -> "confirmationMailer.sendConfirmation".equals(job.get("jobFunction")))
			.map((job) -> (String) job.get("uuid"))
			.toList();
		assertThat(mails).containsSubsequence(mailJobUuid(second), mailJobUuid(first));
	}

	@ParameterizedTest
	@CsvSource({ "0, amount must be more than zero", "1.005, amount must have at most two decimals" })
	void invalidOrderIsRejectedAndEnqueuesNothing(BigDecimal amount, String detail) {
		long jobsBefore = jobCount();
		ResponseEntity<Map<String, Object>> response = this.http.post()
			.uri("/orders")
			.body(new NewOrder("Ada", "ada@example.com", amount))
			.retrieve()
			.toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("detail", detail);
		assertThat(jobCount()).isEqualTo(jobsBefore);
	}

	@Test
	void unknownOrderIsNotFoundAndNotAudited() {
		long jobsBefore = jobCount();
		assertThat(this.http.get().uri("/orders/{id}", 999_999).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.http.post().uri("/orders/{id}/audit", 999_999).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(jobCount()).isEqualTo(jobsBefore);
	}

	private long place(String customer) {
		return this.http.post()
			.uri("/orders")
			.body(new NewOrder(customer, customer.toLowerCase() + "@example.com", BigDecimal.TEN))
			.retrieve()
			.body(OrderView.class)
			.id();
	}

	private Map<String, Object> awaitJob(String function, long orderId, String state) {
		await().atMost(PATIENCE).until(() -> state.equals(job(function, orderId).get("state")));
		return job(function, orderId);
	}

	private Map<String, Object> job(String function, long orderId) {
		return this.jdbc.sql("SELECT * FROM queue_job WHERE job_function = ? AND args ->> 0 = ?")
			.params(function, String.valueOf(orderId))
			.query()
			.singleRow();
	}

	private String mailJobUuid(long orderId) {
		return job("confirmationMailer.sendConfirmation", orderId).get("uuid").toString();
	}

	private long jobCount() {
		return this.jdbc.sql("SELECT count(*) FROM queue_job").query(Long.class).single();
	}

}
