package io.queuejob.spring.internal.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.queuejob.core.RetryableJobException;
import io.queuejob.spring.InvalidQueueJobPropertyException;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The jobs' observations with Micrometer Tracing's test tracer: an HTTP request on one
 * node enqueues a job, which another node runs, failing its first try; both tries'
 * execution spans continue the request's trace, as children of the enqueue span, and
 * carry the job's keys; the job's MDC holds its uuid and function. A batch enqueued in a
 * request is one enqueue observation, whose trace context every job of the batch stores
 * and continues. With an observation registry that traces nothing, no trace context is
 * stored and the job runs, also without Micrometer Tracing on the class path. Set to
 * link, each try's execution span starts a new trace with a link to the enqueue span;
 * without a tracer that start-up fails naming the property. Only the package of that link
 * refers to Micrometer Tracing, an optional dependency.
 */
class JobTracingTests {

	private static final Map<String, String> mdc = new ConcurrentHashMap<>();

	private static final AtomicInteger tries = new AtomicInteger();

	private static final ClassLoader WITHOUT_MICROMETER_TRACING = new FilteredClassLoader("io.micrometer.tracing");

	private final TestDatabase database = TestDatabase.fresh();

	@Test
	void executionOnAnotherNodeAndItsRetryContinueTheTraceOfTheRequestThatEnqueued() throws Exception {
		tries.set(0);
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext web = startWebNode();
				ConfigurableApplicationContext worker = start(WorkerNode.class, WebApplicationType.NONE)) {
			SimpleTracer webTracer = web.getBean(SimpleTracer.class);
			request(web, "/orders");
			String traceContext = jdbc.queryForObject("SELECT trace_context FROM queue_job", String.class);
			assertThat(traceContext).startsWith("traceparent=00-");
			SimpleSpan enqueue = span(webTracer, "enqueue tracedJobs.confirm");
			SimpleSpan request = webTracer.getSpans()
				.stream()
				.filter((span) -> span.getSpanId().equals(enqueue.getParentId()))
				.findFirst()
				.orElseThrow();
			assertThat(request.getName()).containsIgnoringCase("post");
			assertThat(enqueue.getTraceId()).isEqualTo(request.getTraceId());
			assertThat(enqueue.getTags()).containsEntry("function", "tracedJobs.confirm")
				.containsEntry("channel", "root")
				.containsKey("job.uuid");
			String uuid = enqueue.getTags().get("job.uuid");

			SimpleTracer workerTracer = worker.getBean(SimpleTracer.class);
			List<SimpleSpan> executions = awaitExecutions(jdbc, workerTracer, 1, 2);
			assertThat(executions).allSatisfy((execution) -> {
				assertThat(execution.getTraceId()).isEqualTo(request.getTraceId());
				assertThat(execution.getParentId()).isEqualTo(enqueue.getSpanId());
				assertThat(execution.getTags()).containsEntry("function", "tracedJobs.confirm")
					.containsEntry("channel", "root")
					.containsEntry("job.uuid", uuid);
			});
			assertThat(executions).extracting((execution) -> execution.getTags().get("try"))
				.containsExactlyInAnyOrder("1", "2");
			assertThat(executions).extracting((execution) -> execution.getTags().get("outcome"))
				.containsExactlyInAnyOrder("retried", "done");
			assertThat(mdc).containsEntry(JobObservations.MDC_UUID, uuid)
				.containsEntry(JobObservations.MDC_FUNCTION, "tracedJobs.confirm");
		}
	}

	@Test
	void batchIsOneEnqueueObservationWhoseTraceEachOfItsExecutionsContinues() throws Exception {
		tries.set(0);
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext web = startWebNode();
				ConfigurableApplicationContext worker = start(WorkerNode.class, WebApplicationType.NONE)) {
			SimpleTracer webTracer = web.getBean(SimpleTracer.class);
			request(web, "/orders/batch");
			List<SimpleSpan> enqueues = webTracer.getSpans()
				.stream()
				.filter((span) -> "enqueue tracedJobs.confirm".equals(span.getName()))
				.toList();
			assertThat(enqueues).hasSize(1);
			SimpleSpan enqueue = enqueues.get(0);
			assertThat(enqueue.getTags()).containsEntry("batch.size", "3")
				.containsEntry("function", "tracedJobs.confirm");
			assertThat(jdbc.queryForList("SELECT trace_context FROM queue_job", String.class)).hasSize(3)
				.allSatisfy((traceContext) -> assertThat(traceContext).contains(enqueue.getSpanId()));

			SimpleTracer workerTracer = worker.getBean(SimpleTracer.class);
			assertThat(awaitExecutions(jdbc, workerTracer, 3, 3)).allSatisfy((execution) -> {
				assertThat(execution.getTraceId()).isEqualTo(enqueue.getTraceId());
				assertThat(execution.getParentId()).isEqualTo(enqueue.getSpanId());
			});
		}
	}

	@Test
	void linkedExecutionsOnAnotherNodeStartNewTracesThatLinkToTheEnqueueSpan() throws Exception {
		tries.set(0);
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext web = startWebNode();
				ConfigurableApplicationContext worker = start(WorkerNode.class, WebApplicationType.NONE,
						"queue-job.tracing.execution=link")) {
			SimpleTracer webTracer = web.getBean(SimpleTracer.class);
			request(web, "/orders");
			SimpleSpan enqueue = span(webTracer, "enqueue tracedJobs.confirm");
			String uuid = enqueue.getTags().get("job.uuid");

			SimpleTracer workerTracer = worker.getBean(SimpleTracer.class);
			List<SimpleSpan> executions = awaitExecutions(jdbc, workerTracer, 1, 2);
			assertThat(executions).allSatisfy((execution) -> {
				// the test tracer leaves the ids of a root span empty: no parent is the
				// new trace
				assertThat(execution.getParentId()).isNullOrEmpty();
				assertThat(execution.getLinks()).singleElement().satisfies((link) -> {
					assertThat(link.getTraceContext().traceId()).isEqualTo(enqueue.getTraceId());
					assertThat(link.getTraceContext().spanId()).isEqualTo(enqueue.getSpanId());
				});
				assertThat(execution.getTags()).containsEntry("function", "tracedJobs.confirm")
					.containsEntry("channel", "root")
					.containsEntry("job.uuid", uuid);
			});
			assertThat(executions).extracting((execution) -> execution.getTags().get("try"))
				.containsExactlyInAnyOrder("1", "2");
			assertThat(executions).extracting((execution) -> execution.getTags().get("outcome"))
				.containsExactlyInAnyOrder("retried", "done");
		}
	}

	@Test
	void linkWithoutTracerStopsStartUpNamingTheProperty() {
		assertThatThrownBy(
				() -> start(UntracedNode.class, WebApplicationType.NONE, "queue-job.tracing.execution=link").close())
			.rootCause()
			.isInstanceOf(InvalidQueueJobPropertyException.class)
			.hasMessageContaining("queue-job.tracing.execution is link")
			.hasMessageContaining("Micrometer Tracing");
	}

	@Test
	void linkWithoutMicrometerTracingOnTheClassPathStopsStartUp() {
		assertThatThrownBy(() -> start(WorkerNode.class, WebApplicationType.NONE, WITHOUT_MICROMETER_TRACING,
				"queue-job.tracing.execution=link")
			.close()).rootCause().isInstanceOf(InvalidQueueJobPropertyException.class);
	}

	@Test
	void withoutMicrometerTracingOnTheClassPathNoTraceContextIsStoredAndTheJobRuns() {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext node = start(UntracedNode.class, WebApplicationType.NONE,
				WITHOUT_MICROMETER_TRACING)) {
			assertThat(node.getBeansOfType(JobObservations.class)).hasSize(1);
			assertRunsWithoutTraceContext(node, jdbc);
		}
	}

	@Test
	void withoutTracingNoTraceContextIsStoredAndTheJobRuns() {
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		try (ConfigurableApplicationContext node = start(UntracedNode.class, WebApplicationType.NONE)) {
			assertRunsWithoutTraceContext(node, jdbc);
		}
	}

	@Test
	void onlyTheLinkPackageUsesMicrometerTracing() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.queuejob");
		noClasses().that()
			.resideOutsideOfPackage("io.queuejob.spring.internal.tracing")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.micrometer.tracing..")
			.because("Micrometer Tracing is an optional dependency: only the configuration of the link from a try's "
					+ "span to the enqueuing span, guarded by the presence of a Tracer, may load its classes")
			.check(classes);
	}

	private ConfigurableApplicationContext startWebNode() {
		return start(WebNode.class, WebApplicationType.SERVLET, "queue-job.worker.enabled=false",
				"queue-job.runner.enabled=false", "server.port=0");
	}

	/**
	 * Send a request to the web node through the server observation filter, which makes
	 * the request's span.
	 */
	private static void request(ConfigurableApplicationContext web, String path) throws Exception {
		MockMvcBuilders.webAppContextSetup((WebApplicationContext) web)
			.addFilters(new ServerHttpObservationFilter(web.getBean(ObservationRegistry.class)))
			.build()
			.perform(post(path))
			.andExpect(status().isOk());
	}

	/**
	 * Wait for a number of jobs to be done and for that many execution spans to end.
	 */
	private static List<SimpleSpan> awaitExecutions(JdbcTemplate jdbc, SimpleTracer tracer, int jobs, int tries) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state = 'done'", Integer.class),
					(done) -> done == jobs);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> executions(tracer).stream().filter((span) -> span.getEndTimestamp() != null).count(),
					(count) -> count == tries);
		return executions(tracer);
	}

	private static void assertRunsWithoutTraceContext(ConfigurableApplicationContext node, JdbcTemplate jdbc) {
		node.getBean(TracedJobs.class).confirm(7);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "done".equals(jdbc.queryForObject("SELECT state FROM queue_job", String.class)));
		assertThat(jdbc.queryForObject("SELECT trace_context FROM queue_job", String.class)).isNull();
	}

	private static SimpleSpan span(SimpleTracer tracer, String name) {
		return tracer.getSpans().stream().filter((span) -> name.equals(span.getName())).findFirst().orElseThrow();
	}

	private static List<SimpleSpan> executions(SimpleTracer tracer) {
		return tracer.getSpans().stream().filter((span) -> "run tracedJobs.confirm".equals(span.getName())).toList();
	}

	private ConfigurableApplicationContext start(Class<?> node, WebApplicationType type, String... extra) {
		return start(node, type, null, extra);
	}

	private ConfigurableApplicationContext start(Class<?> node, WebApplicationType type, ClassLoader classLoader,
			String... extra) {
		return new SpringApplicationBuilder(node).web(type)
			.resourceLoader(new DefaultResourceLoader(classLoader))
			.properties(this.database.properties())
			.properties("queue-job.poll-interval=1s", "spring.security.user.name=test")
			.properties(extra)
			.run();
	}

	/**
	 * A registry with the tracing handlers as Spring Boot groups them: first those the
	 * application defines as beans, in their order, then the propagating ones and the
	 * default one.
	 */
	static ObservationRegistry tracingRegistry(SimpleTracer tracer, TraceparentPropagator propagator,
			List<ObservationHandler<?>> applicationHandlers) {
		List<ObservationHandler<? extends Observation.Context>> handlers = new ArrayList<>(applicationHandlers);
		handlers.add(new PropagatingSenderTracingObservationHandler<>(tracer, propagator));
		handlers.add(new PropagatingReceiverTracingObservationHandler<>(tracer, propagator));
		handlers.add(new DefaultTracingObservationHandler(tracer));
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new FirstMatchingCompositeObservationHandler(handlers));
		return registry;
	}

	public static class TracedJobs {

		@QueueJob
		public void confirm(int order) {
			if (order == 42 && tries.incrementAndGet() == 1) {
				throw new RetryableJobException("Mail server busy", Duration.ofSeconds(1));
			}
			mdc.put(JobObservations.MDC_UUID, MDC.get(JobObservations.MDC_UUID));
			mdc.put(JobObservations.MDC_FUNCTION, MDC.get(JobObservations.MDC_FUNCTION));
		}

	}

	@RestController
	static class OrdersController {

		private final TracedJobs jobs;

		private final JobQueue jobQueue;

		OrdersController(TracedJobs jobs, JobQueue jobQueue) {
			this.jobs = jobs;
			this.jobQueue = jobQueue;
		}

		@PostMapping("/orders")
		String placeOrder() {
			this.jobs.confirm(42);
			return "placed";
		}

		@PostMapping("/orders/batch")
		String placeOrders() {
			this.jobQueue.delayableAll(this.jobs, List.of(1, 2, 3), TracedJobs::confirm).delay();
			return "placed";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WorkerNode {

		@Bean
		TracedJobs tracedJobs() {
			return new TracedJobs();
		}

		@Bean
		SimpleTracer tracer() {
			return new SimpleTracer();
		}

		@Bean
		TraceparentPropagator propagator(SimpleTracer tracer) {
			return new TraceparentPropagator(tracer);
		}

		@Bean
		ObservationRegistry observationRegistry(SimpleTracer tracer, TraceparentPropagator propagator,
				ObjectProvider<ObservationHandler<?>> handlers) {
			return tracingRegistry(tracer, propagator, handlers.orderedStream().toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebNode extends WorkerNode {

		@Bean
		OrdersController ordersController(TracedJobs jobs, JobQueue jobQueue) {
			return new OrdersController(jobs, jobQueue);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UntracedNode {

		@Bean
		TracedJobs tracedJobs() {
			return new TracedJobs();
		}

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.create();
		}

	}

}
