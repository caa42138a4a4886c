package io.queuejob.sample.shipping;

import java.util.List;
import java.util.UUID;

/**
 * The answer of {@code POST /orders/{id}/ship}: the jobs of the shipment's graph.
 *
 * @param orderId the order id
 * @param parcels how many parcels are packed
 * @param jobs the uuids of the graph's jobs, parents before children
 * @param dashboard the path of the first job in the dashboard, whose page draws the graph
 */
public record ShipmentView(long orderId, int parcels, List<UUID> jobs, String dashboard) {

}
