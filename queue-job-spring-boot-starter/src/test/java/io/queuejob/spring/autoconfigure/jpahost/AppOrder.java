package io.queuejob.spring.autoconfigure.jpahost;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity of the host application, in the table of the application's own migration
 * {@code db/test-application/V1__application_tables.sql}.
 */
@Entity
@Table(name = "app_order")
public class AppOrder {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "number", nullable = false, length = 40)
	private String number;

	protected AppOrder() {
	}

	public AppOrder(String number) {
		this.number = number;
	}

	public Long getId() {
		return this.id;
	}

	public String getNumber() {
		return this.number;
	}

}
