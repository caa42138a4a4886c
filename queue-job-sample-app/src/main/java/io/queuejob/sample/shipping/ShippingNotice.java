package io.queuejob.sample.shipping;

import java.time.Instant;

import io.queuejob.core.FailedJobException;
import io.queuejob.sample.order.CustomerOrder;
import io.queuejob.sample.order.OrderRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The last job of a shipment: records that the order shipped and tells the customer (the
 * mail is simulated).
 */
@Component
public class ShippingNotice {

	private static final Log logger = LogFactory.getLog(ShippingNotice.class);

	private final OrderRepository orders;

	ShippingNotice(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Mark an order shipped and send its shipping notice.
	 * @param orderId the order id
	 */
	public void send(long orderId) {
		CustomerOrder order = this.orders.findById(orderId)
			.orElseThrow(() -> new FailedJobException("No order " + orderId));
		order.shipped(Instant.now());
		this.orders.save(order);
		logger.info("shipping notice sent to " + order.getEmail() + " for order " + orderId);
	}

}
