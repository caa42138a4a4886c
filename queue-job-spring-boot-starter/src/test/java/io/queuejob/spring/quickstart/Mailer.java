package io.queuejob.spring.quickstart;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * The bean whose public method the README's Quick start step 4 enqueues, without
 * {@code @QueueJob}.
 */
@Component
class Mailer {

	private final List<Order> sent = new CopyOnWriteArrayList<>();

	public void send(Order order) {
		this.sent.add(order);
	}

	List<Order> sent() {
		return this.sent;
	}

}
