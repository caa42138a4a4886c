package io.queuejob.sample.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.queuejob.sample.audit.AuditJob;
import io.queuejob.sample.invoice.Invoice;
import io.queuejob.sample.invoice.InvoiceExporter;
import io.queuejob.sample.invoice.InvoiceRepository;
import io.queuejob.sample.mail.ConfirmationMailer;
import io.queuejob.spring.JobQueue;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders and enqueues their jobs. Enqueueing joins the caller's transaction: the
 * order and its jobs are stored together, and if the transaction rolls back, no job
 * exists. The jobs start once it commits.
 */
@Service
public class OrderService {

	/**
	 * How long after an order its loyalty points are awarded.
	 */
	static final Duration LOYALTY_POINTS_DELAY = Duration.ofSeconds(5);

	private final OrderRepository orders;

	private final InvoiceRepository invoices;

	private final ConfirmationMailer mailer;

	private final InvoiceExporter exporter;

	private final LoyaltyPoints loyaltyPoints;

	private final AuditJob auditJob;

	private final JobQueue jobQueue;

	OrderService(OrderRepository orders, InvoiceRepository invoices, ConfirmationMailer mailer,
			InvoiceExporter exporter, LoyaltyPoints loyaltyPoints, AuditJob auditJob, JobQueue jobQueue) {
		this.orders = orders;
		this.invoices = invoices;
		this.mailer = mailer;
		this.exporter = exporter;
		this.loyaltyPoints = loyaltyPoints;
		this.auditJob = auditJob;
		this.jobQueue = jobQueue;
	}

	/**
	 * Store an order and enqueue its jobs: the confirmation mail, the invoice export and,
	 * a few seconds later, the loyalty points.
	 * @param newOrder the order
	 * @return the stored order
	 */
	@Transactional
	public OrderView place(NewOrder newOrder) {
		CustomerOrder order = this.orders
			.save(new CustomerOrder(newOrder.customer(), newOrder.email(), newOrder.amount(), Instant.now()));
		long id = order.getId();
		// @QueueJob methods: each call stores a job and returns at once
		this.mailer.sendConfirmation(id);
		this.exporter.export(id);
		// A method declared for delayable in application.yml, with options for this call
		// only
		this.jobQueue.delayable(this.loyaltyPoints, (points) -> points.award(id))
			.priority(1)
			.eta(LOYALTY_POINTS_DELAY)
			.description("Award the loyalty points of order " + id)
			.delay();
		return view(order);
	}

	/**
	 * Find an order.
	 * @param id the order id
	 * @return the order, if it exists
	 */
	@Transactional(readOnly = true)
	public Optional<OrderView> find(long id) {
		return this.orders.findById(id).map(this::view);
	}

	/**
	 * Enqueue the audit of an order.
	 * @param id the order id
	 * @return whether the order exists (no job is enqueued otherwise)
	 */
	@Transactional
	public boolean audit(long id) {
		if (!this.orders.existsById(id)) {
			return false;
		}
		this.auditJob.audit(id);
		return true;
	}

	private OrderView view(CustomerOrder order) {
		Optional<Invoice> invoice = this.invoices.findByOrderId(order.getId());
		return new OrderView(order.getId(), order.getCustomer(), order.getEmail(), order.getAmount(),
				order.getCreatedAt(), order.getConfirmationSentAt(), order.getLoyaltyPoints(), invoice.isPresent(),
				invoice.map(Invoice::getNumber).orElse(null), order.getShippedAt());
	}

}
