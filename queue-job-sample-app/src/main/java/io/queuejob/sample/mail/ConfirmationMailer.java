package io.queuejob.sample.mail;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.queuejob.core.FailedJobException;
import io.queuejob.core.RetryableJobException;
import io.queuejob.sample.order.CustomerOrder;
import io.queuejob.sample.order.OrderRepository;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.RelatedAction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Sends the confirmation mail of an order on the channel {@code root.mail}. The SMTP
 * server of this sample is flaky: the first try for each order fails with a
 * {@link RetryableJobException}, and the job is tried again after the delay of its retry
 * pattern. The annotation says 60 seconds; {@code application.yml} overrides the pattern
 * with 2 seconds, because properties win over the annotation. Each job links to its order
 * ({@code GET /orders/{id}}) in the queue-job dashboard, through {@link RelatedAction}.
 */
@Component
public class ConfirmationMailer {

	private static final Log logger = LogFactory.getLog(ConfirmationMailer.class);

	// In memory on purpose: a failed try rolls back the job's transaction, so a count
	// kept in the database would be rolled back with it.
	private final Map<Long, Integer> tries = new ConcurrentHashMap<>();

	private final OrderRepository orders;

	ConfirmationMailer(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Send the confirmation mail of an order. Called from another bean, this stores a job
	 * and returns at once.
	 * @param orderId the order id
	 */
	@QueueJob(channel = "root.mail", retryPattern = "1:60", maxRetries = 3,
			description = "Send the order confirmation mail")
	@RelatedAction(url = "/orders/{0}", label = "Order {0}")
	public void sendConfirmation(long orderId) {
		CustomerOrder order = this.orders.findById(orderId)
			.orElseThrow(() -> new FailedJobException("No order " + orderId));
		if (this.tries.merge(orderId, 1, Integer::sum) == 1) {
			throw new RetryableJobException("SMTP server busy (simulated), try again later");
		}
		order.confirmationSent(Instant.now());
		this.orders.save(order);
		logger.info("mail sent to " + order.getEmail() + " for order " + orderId);
	}

}
