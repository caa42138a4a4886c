package io.queuejob.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.queuejob.spring.testsupport.QueueJobIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application whose own {@link JsonMapper} has default typing on, for any class, and
 * types with {@code @JsonTypeInfo}: job arguments are still stored without type ids, and
 * a stored row that carries type ids chooses no class, run by a real worker.
 */
@QueueJobIntegrationTest(classes = QueueJobDefaultTypingTests.App.class, properties = "queue-job.poll-interval=2s")
class QueueJobDefaultTypingTests {

	static final AtomicBoolean gadgetInitialized = new AtomicBoolean();

	private static final String GADGET = QueueJobDefaultTypingTests.class.getName() + "$Gadget";

	@Autowired
	TypedJobs jobs;

	@Autowired
	JsonMapper applicationMapper;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theApplicationsMapperInstantiatesTheClassesItsInputNames() {
		Object control = this.applicationMapper.readValue("[\"" + Control.class.getName() + "\",{}]", Object.class);
		assertThat(control).isInstanceOf(Control.class);
	}

	@Test
	void argumentsAreStoredWithoutTypeIdsAndRun() {
		this.jobs.take(new ArrayList<>(List.of(1, 2)));
		this.jobs.shape(new Shape(3));
		assertThat(this.jdbc.queryForList("SELECT args::text FROM queue_job WHERE job_function LIKE 'typedJobs.%'"
				+ " AND args::text NOT LIKE '%Gadget%' ORDER BY id", String.class))
			.containsExactly("[[1, 2]]", "[{\"sides\": 3}]");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobs.received().size() >= 2);
		assertThat(this.jobs.received()).anySatisfy((value) -> assertThat(value).isEqualTo(List.of(1, 2)))
			.anySatisfy((value) -> assertThat(value).isInstanceOfSatisfying(Shape.class,
					(shape) -> assertThat(shape.sides).isEqualTo(3)));
	}

	@Test
	void storedTypeIdsChooseNoClass() {
		long wrapped = insert("typedJobs.take", "[[\"" + GADGET + "\", {\"sides\": 4}]]");
		long property = insert("typedJobs.shape", "[{\"@class\": \"" + GADGET + "\", \"sides\": 5}]");
		this.jdbc.execute("SELECT pg_notify('queue_job', '')");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "done".equals(state(wrapped)) && "done".equals(state(property)));
		assertThat(this.jobs.received())
			.anySatisfy((value) -> assertThat(value).isEqualTo(List.of(GADGET, Map.of("sides", 4))))
			.anySatisfy((value) -> assertThat(value).isExactlyInstanceOf(Shape.class)
				.satisfies((shape) -> assertThat(((Shape) shape).sides).isEqualTo(5)));
		assertThat(gadgetInitialized).isFalse();
	}

	private long insert(String function, String args) {
		return this.jdbc.queryForObject("""
				INSERT INTO queue_job (uuid, state, channel, priority, max_retries, job_function, args)
				VALUES (gen_random_uuid(), 'pending', 'root', 10, 1, ?, ?::jsonb) RETURNING id
				""", Long.class, function, args);
	}

	private String state(long id) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE id = ?", String.class, id);
	}

	/**
	 * A type whose instances name their class when the application writes them.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	public static class Shape {

		public int sides;

		public Shape() {
		}

		Shape(int sides) {
			this.sides = sides;
		}

	}

	/**
	 * What a stored row names: a subtype whose initialization would show that it was
	 * loaded to be instantiated.
	 */
	public static class Gadget extends Shape {

		static {
			gadgetInitialized.set(true);
		}

	}

	public static class Control {

	}

	/**
	 * Jobs that keep what they received.
	 */
	public static class TypedJobs {

		private final Queue<Object> received = new ConcurrentLinkedQueue<>();

		public Queue<Object> received() {
			return this.received;
		}

		@QueueJob
		public void take(Object value) {
			this.received.add(value);
		}

		@QueueJob
		public void shape(Shape shape) {
			this.received.add(shape);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder()
				.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build(),
						DefaultTyping.NON_FINAL)
				.build();
		}

		@Bean
		TypedJobs typedJobs() {
			return new TypedJobs();
		}

	}

}
