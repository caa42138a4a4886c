package io.queuejob.sample.invoice;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The invoices.
 */
public interface InvoiceRepository extends JpaRepository<Invoice, Long> {

	/**
	 * The invoice of an order.
	 * @param orderId the order id
	 * @return the invoice, if it was exported
	 */
	Optional<Invoice> findByOrderId(long orderId);

}
