package io.queuejob.sample.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An order placed by a customer. The jobs of the order fill in when its confirmation was
 * sent, how many loyalty points it earned and when it shipped.
 */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String customer;

	@Column(nullable = false)
	private String email;

	@Column(nullable = false)
	private BigDecimal amount;

	@Column(nullable = false)
	private Instant createdAt;

	private Instant confirmationSentAt;

	private Integer loyaltyPoints;

	private Instant shippedAt;

	protected CustomerOrder() {
	}

	/**
	 * Create an order.
	 * @param customer the customer's name
	 * @param email the customer's mail address
	 * @param amount the amount, with at most two decimals
	 * @param createdAt when the order was placed
	 */
	public CustomerOrder(String customer, String email, BigDecimal amount, Instant createdAt) {
		this.customer = customer;
		this.email = email;
		this.amount = amount.setScale(2, RoundingMode.UNNECESSARY);
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

	public String getEmail() {
		return this.email;
	}

	public BigDecimal getAmount() {
		return this.amount;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getConfirmationSentAt() {
		return this.confirmationSentAt;
	}

	public Integer getLoyaltyPoints() {
		return this.loyaltyPoints;
	}

	public Instant getShippedAt() {
		return this.shippedAt;
	}

	/**
	 * Record that the confirmation mail was sent.
	 * @param sentAt when it was sent
	 */
	public void confirmationSent(Instant sentAt) {
		this.confirmationSentAt = sentAt;
	}

	/**
	 * Record the loyalty points the order earned.
	 * @param points the points
	 */
	public void awardLoyaltyPoints(int points) {
		this.loyaltyPoints = points;
	}

	/**
	 * Record that the order shipped.
	 * @param shippedAt when its shipping notice was sent
	 */
	public void shipped(Instant shippedAt) {
		this.shippedAt = shippedAt;
	}

}
