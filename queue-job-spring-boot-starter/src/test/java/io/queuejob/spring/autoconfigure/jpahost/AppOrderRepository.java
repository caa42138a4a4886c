package io.queuejob.spring.autoconfigure.jpahost;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * A Spring Data repository of the host application.
 */
public interface AppOrderRepository extends JpaRepository<AppOrder, Long> {

	Optional<AppOrder> findByNumber(String number);

}
