package io.queuejob.spring.internal.function;

import java.util.List;
import java.util.Map;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.RelatedAction;
import io.queuejob.spring.RelatedLink;
import io.queuejob.spring.RelatedLinkResolver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RelatedActions} and the related actions the
 * {@link JobFunctionRegistry} records: URL templates, resolver beans, properties, and
 * templates refused at start-up.
 */
class RelatedActionsTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	@Test
	void argumentIndexIsReplacedInTheUrlAndTheLabel() {
		RelatedActions actions = actions(Map.of());
		assertThat(actions.linkFor("orderJobs.confirm", "[42]")).contains(new RelatedLink("/orders/42", "Order 42"));
		assertThat(actions.linkFor("orderJobs.ship", "[\"EU\", 7]"))
			.contains(new RelatedLink("/regions/EU/orders/7", RelatedActions.DEFAULT_LABEL));
	}

	@Test
	void propertyPathsReachIntoTheStoredJsonAndValuesAreUrlEncodedInTheUrlOnly() {
		String args = """
				[1, {"customer": {"id": "c 7/é?&=#"}, "tags": ["a+b", "x"]}]""";
		assertThat(actions(Map.of()).linkFor("orderJobs.note", args))
			.contains(new RelatedLink("/customers/c%207%2F%C3%A9%3F%26%3D%23/tags/a%2Bb", "Customer c 7/é?&=#"));
	}

	@Test
	void missingNullOrStructuredValuesGiveNoLink() {
		RelatedActions actions = actions(Map.of());
		assertThat(actions.linkFor("orderJobs.confirm", "[null]")).isEmpty();
		assertThat(actions.linkFor("orderJobs.note", "[1, {\"customer\": {}}]")).isEmpty();
		assertThat(actions.linkFor("orderJobs.note", "[1, {\"customer\": null, \"tags\": [\"a\"]}]")).isEmpty();
		assertThat(actions.linkFor("orderJobs.note", "[1, {\"customer\": {\"id\": {\"x\": 1}}, \"tags\": [\"a\"]}]"))
			.isEmpty();
		assertThat(actions.linkFor("orderJobs.note", "[1, {\"customer\": {\"id\": 3}, \"tags\": []}]")).isEmpty();
		assertThat(actions.linkFor("orderJobs.confirm", "not json")).isEmpty();
	}

	@Test
	void functionsWithoutRelatedActionOrUnknownHaveNoLink() {
		RelatedActions actions = actions(Map.of());
		assertThat(actions.linkFor("orderJobs.plain", "[1]")).isEmpty();
		assertThat(actions.linkFor("nobody.knows", "[1]")).isEmpty();
	}

	@Test
	void resolverBeanReceivesTheFunctionAndTypedArguments() {
		this.beanFactory.registerSingleton("orderLinks", new OrderLinks());
		RelatedActions actions = actions(Map.of());
		assertThat(actions.linkFor("orderJobs.resolved", "[5, \"gold\"]"))
			.contains(new RelatedLink("/crm/orderJobs.resolved/5?tier=gold", "Long 5"));
		assertThat(actions.linkFor("orderJobs.resolved", "[5, null]")).isEmpty();
	}

	@Test
	void missingResolverBeanStopsStartUp() {
		JobFunctionRegistry registry = registry(Map.of());
		assertThatIllegalStateException().isThrownBy(registry::afterSingletonsInstantiated)
			.withMessageContaining("orderJobs.resolved")
			.withMessageContaining(OrderLinks.class.getName());
	}

	@Test
	void propertiesSetOrOverrideTheTemplates() {
		FunctionSettings plain = new FunctionSettings(false, null, null, null, null, "/plain/{0}", null);
		FunctionSettings confirm = new FunctionSettings(false, null, null, null, null,
				"https://shop.example.com/admin/orders/{0}", "Shop order {0}");
		FunctionSettings resolved = new FunctionSettings(false, null, null, null, null, "/by-property/{0}", null);
		RelatedActions actions = actions(
				Map.of("orderJobs.plain", plain, "orderJobs.confirm", confirm, "orderJobs.resolved", resolved));
		assertThat(actions.linkFor("orderJobs.plain", "[3]"))
			.contains(new RelatedLink("/plain/3", RelatedActions.DEFAULT_LABEL));
		assertThat(actions.linkFor("orderJobs.confirm", "[3]"))
			.contains(new RelatedLink("https://shop.example.com/admin/orders/3", "Shop order 3"));
		assertThat(actions.linkFor("orderJobs.resolved", "[3, \"x\"]"))
			.contains(new RelatedLink("/by-property/3", RelatedActions.DEFAULT_LABEL));
	}

	@Test
	void methodsDeclaredForDelayableGetTheirPropertyTemplate() {
		FunctionSettings report = new FunctionSettings(true, null, null, null, null, "/reports/{0}", null);
		this.beanFactory.registerSingleton("reports", new Reports());
		JobFunctionRegistry registry = new JobFunctionRegistry(Map.of("reports.build", report));
		registry.setBeanFactory(this.beanFactory);
		registry.afterSingletonsInstantiated();
		RelatedActions actions = new RelatedActions(registry, new JobArgumentCodec(this.mapper), this.mapper,
				this.beanFactory);
		assertThat(actions.linkFor("reports.build", "[\"2026-Q1\"]"))
			.contains(new RelatedLink("/reports/2026-Q1", RelatedActions.DEFAULT_LABEL));
	}

	@Test
	void invalidTemplatesStopStartUpNamingTheMethod() {
		assertInvalid(BadTemplates.Unclosed.class, "'{' at position 8 is not closed");
		assertInvalid(BadTemplates.StrayBrace.class, "'}' at position 7 closes no '{'");
		assertInvalid(BadTemplates.NotAPlaceholder.class, "'{id}' is not a placeholder");
		assertInvalid(BadTemplates.IndexTooLarge.class, "'{1}' refers to argument 1 but the method has 1 parameter");
		assertInvalid(BadTemplates.EmptyPathSegment.class, "'{0..id}' is not a placeholder");
		assertInvalid(BadTemplates.BadLabel.class, "invalid related action label template 'Order {x}'");
		assertInvalid(BadTemplates.UrlAndResolver.class, "@RelatedAction needs either a url or a resolver");
		assertInvalid(BadTemplates.Neither.class, "@RelatedAction needs either a url or a resolver");
	}

	@Test
	void invalidPropertyTemplatesStopStartUp() {
		FunctionSettings bad = new FunctionSettings(false, null, null, null, null, "/orders/{9}", null);
		assertThatIllegalStateException().isThrownBy(() -> registry(Map.of("orderJobs.confirm", bad)))
			.withMessageContaining("orderJobs.confirm (" + OrderJobs.class.getName() + ".confirm)")
			.withMessageContaining("'{9}' refers to argument 9 but the method has 1 parameter");
		FunctionSettings labelOnly = new FunctionSettings(false, null, null, null, null, null, "Plain {0}");
		assertThatIllegalStateException().isThrownBy(() -> registry(Map.of("orderJobs.plain", labelOnly)))
			.withMessageContaining("related-label needs a related-url");
	}

	private void assertInvalid(Class<?> type, String message) {
		JobFunctionRegistry registry = new JobFunctionRegistry(Map.of());
		assertThatIllegalStateException().isThrownBy(() -> registry.register("bad", type))
			.withMessageContaining("Job function bad.run (" + type.getName() + ".run)")
			.withMessageContaining(message);
	}

	private RelatedActions actions(Map<String, FunctionSettings> overrides) {
		return new RelatedActions(registry(overrides), new JobArgumentCodec(this.mapper), this.mapper,
				this.beanFactory);
	}

	private JobFunctionRegistry registry(Map<String, FunctionSettings> overrides) {
		JobFunctionRegistry registry = new JobFunctionRegistry(overrides);
		registry.setBeanFactory(this.beanFactory);
		registry.register("orderJobs", OrderJobs.class);
		return registry;
	}

	/**
	 * Jobs with related actions.
	 */
	public static class OrderJobs {

		@QueueJob
		@RelatedAction(url = "/orders/{0}", label = "Order {0}")
		public void confirm(long orderId) {
		}

		@QueueJob
		@RelatedAction(url = "/regions/{0}/orders/{1}")
		public void ship(String region, long orderId) {
		}

		@QueueJob
		@RelatedAction(url = "/customers/{1.customer.id}/tags/{1.tags.0}", label = "Customer {1.customer.id}")
		public void note(long id, Map<String, Object> payload) {
		}

		@QueueJob
		@RelatedAction(resolver = OrderLinks.class)
		public void resolved(Long orderId, String tier) {
		}

		@QueueJob
		public void plain(long id) {
		}

	}

	/**
	 * A resolver that uses the typed arguments.
	 */
	static class OrderLinks implements RelatedLinkResolver {

		@Override
		public RelatedLink resolve(String jobFunction, List<Object> arguments) {
			Object tier = arguments.get(1);
			return (tier != null) ? new RelatedLink("/crm/" + jobFunction + "/" + arguments.get(0) + "?tier=" + tier,
					arguments.get(0).getClass().getSimpleName() + " " + arguments.get(0)) : null;
		}

	}

	/**
	 * A bean whose public method is declared for the programmatic API by a property.
	 */
	public static class Reports {

		public void build(String quarter) {
		}

	}

	static final class BadTemplates {

		public static class Unclosed {

			@QueueJob
			@RelatedAction(url = "/orders/{0")
			public void run(long id) {
			}

		}

		public static class StrayBrace {

			@QueueJob
			@RelatedAction(url = "/orders}/{0}")
			public void run(long id) {
			}

		}

		public static class NotAPlaceholder {

			@QueueJob
			@RelatedAction(url = "/orders/{id}")
			public void run(long id) {
			}

		}

		public static class IndexTooLarge {

			@QueueJob
			@RelatedAction(url = "/orders/{1}")
			public void run(long id) {
			}

		}

		public static class EmptyPathSegment {

			@QueueJob
			@RelatedAction(url = "/orders/{0..id}")
			public void run(long id) {
			}

		}

		public static class BadLabel {

			@QueueJob
			@RelatedAction(url = "/orders/{0}", label = "Order {x}")
			public void run(long id) {
			}

		}

		public static class UrlAndResolver {

			@QueueJob
			@RelatedAction(url = "/orders/{0}", resolver = OrderLinks.class)
			public void run(long id) {
			}

		}

		public static class Neither {

			@QueueJob
			@RelatedAction(label = "Order")
			public void run(long id) {
			}

		}

	}

}
