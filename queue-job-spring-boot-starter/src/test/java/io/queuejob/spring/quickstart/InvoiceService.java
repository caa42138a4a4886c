package io.queuejob.spring.quickstart;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.queuejob.spring.QueueJob;

import org.springframework.stereotype.Service;

/**
 * The README's Quick start step 3, as a user writes it: a package-private service with a
 * {@code @QueueJob} method. It also remembers the invoices it exported, for the test
 * (through a method: the bean is a proxy).
 */
@Service
class InvoiceService {

	private final List<Long> exported = new CopyOnWriteArrayList<>();

	@QueueJob(channel = "export", retryPattern = "1:10, 5:60", maxRetries = 8)
	public void export(long invoiceId) {
		// runs later, in a worker, in its own transaction
		this.exported.add(invoiceId);
	}

	List<Long> exported() {
		return this.exported;
	}

}
