package io.queuejob.sample.order;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the REST endpoints show it, with what its jobs have done so far.
 *
 * @param id the order id
 * @param customer the customer's name
 * @param email the customer's mail address
 * @param amount the amount
 * @param createdAt when the order was placed
 * @param confirmationSentAt when the confirmation mail was sent, or {@code null}
 * @param loyaltyPoints the loyalty points awarded, or {@code null} before the job ran
 * @param invoiceExported whether the invoice exists
 * @param invoiceNumber the invoice number, or {@code null}
 * @param shippedAt when the order shipped, or {@code null}
 */
public record OrderView(long id, String customer, String email, BigDecimal amount, Instant createdAt,
		Instant confirmationSentAt, Integer loyaltyPoints, boolean invoiceExported, String invoiceNumber,
		Instant shippedAt) {

}
