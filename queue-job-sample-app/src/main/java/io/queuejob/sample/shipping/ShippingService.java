package io.queuejob.sample.shipping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import io.queuejob.core.graph.Chain;
import io.queuejob.core.graph.Group;
import io.queuejob.sample.order.OrderRepository;
import io.queuejob.spring.Delayable;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.JobRef;
import io.queuejob.spring.autoconfigure.QueueJobProperties;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ships an order as one graph of jobs: <pre>
 * reserve stock
 *   → pack parcel 1, pack parcel 2, … (a group: they run in parallel)
 *     → book the pickup, print the delivery note (a group, after every parcel)
 *       → shipping notice (onDone: after both)
 * </pre> The jobs keep their default descriptions ({@code Warehouse.packParcel}, …), so
 * the parcels differ only by their uuids, which the dashboard shows with them.
 */
@Service
public class ShippingService {

	/**
	 * The most parcels a shipment may have.
	 */
	public static final int MAX_PARCELS = 10;

	private final OrderRepository orders;

	private final Warehouse warehouse;

	private final Carrier carrier;

	private final ShippingNotice notice;

	private final JobQueue jobQueue;

	private final String dashboard;

	ShippingService(OrderRepository orders, Warehouse warehouse, Carrier carrier, ShippingNotice notice,
			JobQueue jobQueue, QueueJobProperties properties) {
		this.orders = orders;
		this.warehouse = warehouse;
		this.carrier = carrier;
		this.notice = notice;
		this.jobQueue = jobQueue;
		this.dashboard = properties.getWeb().getPath() + "/#/jobs/";
	}

	/**
	 * Store the jobs that ship an order, in one transaction.
	 * @param orderId the order id
	 * @param parcels how many parcels to pack, 1 to {@link #MAX_PARCELS}
	 * @return the shipment, or empty if there is no such order (no job is stored then)
	 * @throws IllegalArgumentException if the number of parcels is out of range
	 */
	@Transactional
	public Optional<ShipmentView> ship(long orderId, int parcels) {
		if (parcels < 1 || parcels > MAX_PARCELS) {
			throw new IllegalArgumentException("parcels must be from 1 to " + MAX_PARCELS);
		}
		if (!this.orders.existsById(orderId)) {
			return Optional.empty();
		}
		Delayable reserve = this.jobQueue.delayable(this.warehouse, (w) -> w.reserveStock(orderId));
		Group packing = Group.of(IntStream.rangeClosed(1, parcels)
			.mapToObj((parcel) -> this.jobQueue.delayable(this.warehouse, (w) -> w.packParcel(orderId, parcel)))
			.toArray(Delayable[]::new));
		Group dispatch = Group.of(this.jobQueue.delayable(this.carrier, (c) -> c.bookPickup(orderId, parcels)),
				this.jobQueue.delayable(this.warehouse, (w) -> w.printDeliveryNote(orderId)));
		Chain shipment = Chain.of(reserve, packing, dispatch)
			.onDone(this.jobQueue.delayable(this.notice, (n) -> n.send(orderId)).channel("root.mail"));
		Map<Delayable, JobRef> jobs = this.jobQueue.delay(shipment);
		List<UUID> uuids = jobs.values().stream().map(JobRef::uuid).toList();
		return Optional.of(new ShipmentView(orderId, parcels, uuids, this.dashboard + jobs.get(reserve).uuid()));
	}

}
