package io.queuejob.sample.invoice;

import java.time.Instant;

import io.queuejob.core.FailedJobException;
import io.queuejob.core.NothingToDoJob;
import io.queuejob.sample.order.CustomerOrder;
import io.queuejob.sample.order.OrderRepository;
import io.queuejob.spring.QueueJob;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Exports the invoice of an order. The job runs on the sequential channel
 * {@code root.export}, one invoice after the other in the order they were asked for, and
 * in its own transaction: the invoice row and the job's move to {@code done} commit
 * together, or not at all.
 */
@Component
public class InvoiceExporter {

	private static final Log logger = LogFactory.getLog(InvoiceExporter.class);

	private final OrderRepository orders;

	private final InvoiceRepository invoices;

	InvoiceExporter(OrderRepository orders, InvoiceRepository invoices) {
		this.orders = orders;
		this.invoices = invoices;
	}

	/**
	 * Write the invoice of an order. Called from another bean, this stores a job and
	 * returns at once.
	 * @param orderId the order id
	 */
	@QueueJob(channel = "root.export", description = "Export the invoice of an order")
	public void export(long orderId) {
		if (this.invoices.findByOrderId(orderId).isPresent()) {
			throw new NothingToDoJob("The invoice of order " + orderId + " was already exported");
		}
		CustomerOrder order = this.orders.findById(orderId)
			.orElseThrow(() -> new FailedJobException("No order " + orderId));
		Invoice invoice = this.invoices.save(new Invoice(orderId, number(orderId), order.getAmount(), Instant.now()));
		logger.info("invoice " + invoice.getNumber() + " exported for order " + orderId);
	}

	private static String number(long orderId) {
		return String.format("INV-%06d", orderId);
	}

}
