package io.queuejob.sample.shipping;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The carrier that takes the parcels (simulated: it logs the booking).
 */
@Component
public class Carrier {

	private static final Log logger = LogFactory.getLog(Carrier.class);

	/**
	 * Book the pickup of an order's parcels.
	 * @param orderId the order id
	 * @param parcels how many parcels
	 */
	public void bookPickup(long orderId, int parcels) {
		logger.info("pickup of " + parcels + " parcels of order " + orderId + " booked");
	}

}
