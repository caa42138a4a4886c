package io.queuejob.sample.invoice;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * The invoice of one order, written by {@link InvoiceExporter}.
 */
@Entity
public class Invoice {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true)
	private long orderId;

	@Column(nullable = false, unique = true)
	private String number;

	@Column(nullable = false)
	private BigDecimal amount;

	@Column(nullable = false)
	private Instant createdAt;

	protected Invoice() {
	}

	/**
	 * Create an invoice.
	 * @param orderId the id of the invoiced order
	 * @param number the invoice number
	 * @param amount the amount
	 * @param createdAt when the invoice was written
	 */
	public Invoice(long orderId, String number, BigDecimal amount, Instant createdAt) {
		this.orderId = orderId;
		this.number = number;
		this.amount = amount;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public long getOrderId() {
		return this.orderId;
	}

	public String getNumber() {
		return this.number;
	}

	public BigDecimal getAmount() {
		return this.amount;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
