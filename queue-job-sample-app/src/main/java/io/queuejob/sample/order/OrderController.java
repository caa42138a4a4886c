package io.queuejob.sample.order;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The order endpoints: {@code POST /orders}, {@code GET /orders/{id}} and {@code POST
 * /orders/{id}/audit}.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<OrderView> place(@RequestBody NewOrder order) {
		try {
			order.validate();
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
		OrderView placed = this.orders.place(order);
		return ResponseEntity.created(URI.create("/orders/" + placed.id())).body(placed);
	}

	@GetMapping("/{id}")
	OrderView find(@PathVariable long id) {
		return this.orders.find(id).orElseThrow(() -> noOrder(id));
	}

	@PostMapping("/{id}/audit")
	ResponseEntity<Void> audit(@PathVariable long id) {
		if (!this.orders.audit(id)) {
			throw noOrder(id);
		}
		return ResponseEntity.accepted().build();
	}

	private static ResponseStatusException noOrder(long id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + id);
	}

}
