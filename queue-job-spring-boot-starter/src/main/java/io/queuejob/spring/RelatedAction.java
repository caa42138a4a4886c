package io.queuejob.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how to reach the record a job function works on: the dashboard and the REST
 * API show the link on each of its jobs. Either a URL template over the job's arguments:
 * <pre class="code">
 * &#064;QueueJob
 * &#064;RelatedAction(url = "/orders/{0}", label = "Order {0}")
 * public void confirm(long orderId) { … }
 * </pre> where {@code {0}} is the first argument and {@code {0.customer.id}} a property
 * of its stored JSON; values are URL-encoded in the URL (not in the label), and a job
 * whose value is missing, {@code null}, an object or an array has no link. Or a bean that
 * computes the link: {@code @RelatedAction(resolver = OrderLinks.class)}.
 * <p>
 * The property {@code queue-job.functions.[name].related-url} (and {@code related-label})
 * sets or overrides the template. An invalid template stops start-up with a message
 * naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RelatedAction {

	/**
	 * The URL template, absolute or relative to the application, for example
	 * {@code "/orders/{0}"} or
	 * {@code "https://crm.example.com/customers/{0.customerId}"}.
	 * @return the URL template
	 */
	String url() default "";

	/**
	 * The text of the link, a template like {@link #url()} whose values are not encoded;
	 * defaults to {@code "Related record"}.
	 * @return the label template
	 */
	String label() default "";

	/**
	 * The type of the bean that computes the link instead of a URL template.
	 * {@link RelatedLinkResolver} itself (the default) means none.
	 * @return the resolver bean's type
	 */
	Class<? extends RelatedLinkResolver> resolver() default RelatedLinkResolver.class;

}
