package io.queuejob.sample.audit;

import io.queuejob.spring.QueueJob;

import org.springframework.stereotype.Component;

/**
 * Audits an order, and always fails: the job ends {@code failed} at once, with the
 * exception's class, message and stack trace stored on it. Failed jobs are kept until
 * someone requeues, cancels or sets them done.
 */
@Component
public class AuditJob {

	/**
	 * Audit an order. Called from another bean, this stores a job and returns at once.
	 * @param orderId the order id
	 */
	@QueueJob(description = "Audit an order")
	public void audit(long orderId) {
		throw new IllegalStateException(
				"Audit of order " + orderId + " failed: this sample has no audit service to talk to");
	}

}
