package io.queuejob.sample.shipping;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /orders/{id}/ship?parcels=2}: stores the jobs that ship an order, as one
 * graph, and answers 202 with their uuids and the dashboard page that draws the graph.
 */
@RestController
class ShippingController {

	private final ShippingService shipping;

	ShippingController(ShippingService shipping) {
		this.shipping = shipping;
	}

	@PostMapping("/orders/{id}/ship")
	ResponseEntity<ShipmentView> ship(@PathVariable long id, @RequestParam(defaultValue = "2") int parcels) {
		try {
			return this.shipping.ship(id, parcels)
				.map((shipment) -> ResponseEntity.accepted().body(shipment))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + id));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
	}

}
