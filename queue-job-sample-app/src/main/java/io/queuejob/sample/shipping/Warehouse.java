package io.queuejob.sample.shipping;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The warehouse steps of a shipment (simulated: they log what they do). Their methods
 * have no {@code @QueueJob}: they are declared for {@code delayable} in
 * {@code application.yml}, and {@link ShippingService} delays them through
 * {@link io.queuejob.spring.JobQueue}.
 */
@Component
public class Warehouse {

	private static final Log logger = LogFactory.getLog(Warehouse.class);

	/**
	 * Reserve the stock of an order.
	 * @param orderId the order id
	 */
	public void reserveStock(long orderId) {
		logger.info("stock reserved for order " + orderId);
	}

	/**
	 * Pack one parcel of an order.
	 * @param orderId the order id
	 * @param parcel the parcel number, from 1
	 */
	public void packParcel(long orderId, int parcel) {
		logger.info("parcel " + parcel + " of order " + orderId + " packed");
	}

	/**
	 * Print the delivery note of an order.
	 * @param orderId the order id
	 */
	public void printDeliveryNote(long orderId) {
		logger.info("delivery note of order " + orderId + " printed");
	}

}
