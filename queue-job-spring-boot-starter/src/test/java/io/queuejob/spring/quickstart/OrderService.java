package io.queuejob.spring.quickstart;

import java.time.Duration;

import io.queuejob.spring.JobQueue;
import io.queuejob.spring.JobRef;

import org.springframework.stereotype.Service;

/**
 * The README's Quick start step 4, as written there, and the other bean of step 3 that
 * calls the {@code @QueueJob} method.
 */
@Service
class OrderService {

	private final JobQueue jobQueue;

	private final Mailer mailer;

	private final InvoiceService invoiceService;

	OrderService(JobQueue jobQueue, Mailer mailer, InvoiceService invoiceService) {
		this.jobQueue = jobQueue;
		this.mailer = mailer;
		this.invoiceService = invoiceService;
	}

	JobRef confirm(Order order) {
		return this.jobQueue.delayable(this.mailer, (m) -> m.send(order))
			.priority(5)
			.eta(Duration.ofSeconds(5))
			.channel("root.mail")
			.maxRetries(3)
			.description("Order confirmation")
			.delay();
	}

	void exportInvoice() {
		this.invoiceService.export(42);
	}

}
