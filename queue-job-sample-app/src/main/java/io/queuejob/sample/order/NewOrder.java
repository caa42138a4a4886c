package io.queuejob.sample.order;

import java.math.BigDecimal;

/**
 * The body of {@code POST /orders}.
 *
 * @param customer the customer's name
 * @param email the customer's mail address
 * @param amount the amount, more than zero, with at most two decimals
 */
public record NewOrder(String customer, String email, BigDecimal amount) {

	/**
	 * Check the fields.
	 * @throws IllegalArgumentException naming the first field that is missing or wrong
	 */
	void validate() {
		if (this.customer == null || this.customer.isBlank()) {
			throw new IllegalArgumentException("customer is required");
		}
		if (this.email == null || !this.email.contains("@")) {
			throw new IllegalArgumentException("email must be a mail address");
		}
		if (this.amount == null || this.amount.signum() <= 0) {
			throw new IllegalArgumentException("amount must be more than zero");
		}
		if (this.amount.stripTrailingZeros().scale() > 2) {
			throw new IllegalArgumentException("amount must have at most two decimals");
		}
	}

}
