package io.queuejob.sample.order;

import io.queuejob.core.FailedJobException;
import io.queuejob.spring.JobQueue;

import org.springframework.stereotype.Component;

/**
 * Awards loyalty points for an order: one point per whole unit of its amount. The method
 * has no {@code @QueueJob}: {@link OrderService} delays it through {@link JobQueue}, with
 * options of its own for each call, which {@code application.yml} allows with
 * {@code queue-job.functions.[loyaltyPoints.award].delayable: true}.
 */
@Component
public class LoyaltyPoints {

	private final OrderRepository orders;

	LoyaltyPoints(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Award the loyalty points of an order. Delayed through {@link JobQueue}, it runs as
	 * a job in its own transaction.
	 * @param orderId the order id
	 */
	public void award(long orderId) {
		CustomerOrder order = this.orders.findById(orderId)
			.orElseThrow(() -> new FailedJobException("No order " + orderId));
		order.awardLoyaltyPoints(order.getAmount().intValue());
		this.orders.save(order);
	}

}
