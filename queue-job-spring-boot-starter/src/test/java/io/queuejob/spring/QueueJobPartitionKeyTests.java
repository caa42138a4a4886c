package io.queuejob.spring;

import java.util.List;

import io.queuejob.core.graph.Chain;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Partition keys stored with each job: from the function's expression (annotation or
 * property), from the call, on every insert path (single, graph, batch), and a call whose
 * expression fails stores nothing. No runner or worker runs here.
 */
@QueueJobIntegrationTest(classes = QueueJobPartitionKeyTests.App.class,
		properties = { "queue-job.runner.enabled=false", "queue-job.worker.enabled=false",
				"queue-job.functions.[keyedJobs.byProperty].partition-key=#region + '-' + #p1.tenant" })
class QueueJobPartitionKeyTests {

	@Autowired
	KeyedJobs jobs;

	@Autowired
	JobQueue jobQueue;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void annotationExpressionGivesTheKeyOfEachCall() {
		this.jobs.byTenant(new Order("acme", 1));
		this.jobs.byTenant(new Order("globex", 2));
		assertThat(keys()).containsExactly("acme", "globex");
	}

	@Test
	void propertyExpressionOverridesTheAnnotationAndReadsParameterNames() {
		this.jobs.byProperty("eu", new Order("acme", 1));
		assertThat(keys()).containsExactly("eu-acme");
	}

	@Test
	void callOptionOverridesTheExpression() {
		this.jobQueue.delayable(this.jobs, (j) -> j.byTenant(new Order("acme", 1))).partitionKey("vip").delay();
		this.jobQueue.delayable(this.jobs, (j) -> j.plain(1)).partitionKey("plain-key").delay();
		this.jobs.plain(2);
		assertThat(this.jdbc.queryForList("SELECT partition_key FROM queue_job ORDER BY id", String.class))
			.containsExactly("vip", "plain-key", null);
	}

	@Test
	void everyJobOfAGraphGetsItsKey() {
		this.jobQueue.delay(Chain.of(this.jobQueue.delayable(this.jobs, (j) -> j.byTenant(new Order("acme", 1))),
				this.jobQueue.delayable(this.jobs, (j) -> j.byTenant(new Order("globex", 2))),
				this.jobQueue.delayable(this.jobs, (j) -> j.plain(3)).partitionKey("third")));
		assertThat(keys()).containsExactly("acme", "globex", "third");
	}

	@Test
	void batchItemsGetTheirOwnKeysOrTheBatchKey() {
		List<Order> orders = List.of(new Order("acme", 1), new Order("globex", 2));
		assertThat(this.jobQueue.delayableAll(this.jobs, orders, KeyedJobs::byTenant).delay()).isEqualTo(2);
		assertThat(this.jobQueue.delayableAll(this.jobs, List.of(3, 4), KeyedJobs::plain).partitionKey("batch").delay())
			.isEqualTo(2);
		assertThat(keys()).containsExactly("acme", "globex", "batch", "batch");
	}

	@Test
	void callWhoseExpressionFailsOrGivesNullStoresNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobs.byTenant(null))
			.withMessageContaining("keyedJobs.byTenant")
			.withMessageContaining("'#p0.tenant'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.jobs.byTenant(new Order(null, 1)))
			.withMessageContaining("keyedJobs.byTenant")
			.withMessageContaining("gave null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue
				.delay(Chain.of(this.jobQueue.delayable(this.jobs, (j) -> j.byTenant(new Order("acme", 1))),
						this.jobQueue.delayable(this.jobs, (j) -> j.byTenant(new Order(null, 2))))))
			.withMessageContaining("'#p0.tenant'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue
				.delayableAll(this.jobs, List.of(new Order("acme", 1), new Order(null, 2)), KeyedJobs::byTenant)
				.delay())
			.withMessageStartingWith("Item 1 of the batch: Job function keyedJobs.byTenant");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job", Integer.class)).isZero();
	}

	@Test
	void blankCallKeyIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(this.jobs, (j) -> j.plain(1)).partitionKey(" "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.jobQueue.delayable(this.jobs, (j) -> j.plain(1)).partitionKey("a\0b"));
	}

	private List<String> keys() {
		return this.jdbc.queryForList("SELECT partition_key FROM queue_job ORDER BY id", String.class);
	}

	/**
	 * An argument whose property is the key.
	 */
	public record Order(String tenant, int number) {
	}

	/**
	 * Jobs with partition keys.
	 */
	public static class KeyedJobs {

		@QueueJob(partitionKey = "#p0.tenant")
		public void byTenant(Order order) {
		}

		@QueueJob(partitionKey = "'overridden'")
		public void byProperty(String region, Order order) {
		}

		@QueueJob
		public void plain(int number) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		KeyedJobs keyedJobs() {
			return new KeyedJobs();
		}

	}

}
