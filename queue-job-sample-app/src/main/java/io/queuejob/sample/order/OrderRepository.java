package io.queuejob.sample.order;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The orders.
 */
public interface OrderRepository extends JpaRepository<CustomerOrder, Long> {

}
