package io.queuejob.sample.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.queuejob.sample.order.OrderRepository;
import io.queuejob.spring.JobContext;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.QueueJobSchedule;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Reports every night on the orders taken so far. The schedule is declared here, its zone
 * in application.yml; the node that holds the runner role stores one job per night,
 * however many nodes run, and the job knows which night it stands for. The dashboard's
 * Schedules tab lists it, and "Run now" stores a report at once.
 */
@Component
public class NightlyReport {

	private static final Log logger = LogFactory.getLog(NightlyReport.class);

	private final OrderRepository orders;

	NightlyReport(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Write the report of the night the job stands for.
	 */
	@QueueJob(channel = "export", description = "Nightly order report")
	@QueueJobSchedule(cron = "0 0 2 * * *")
	public void report() {
		Instant night = JobContext.current().scheduledFor().orElseGet(Instant::now).truncatedTo(ChronoUnit.SECONDS);
		logger.info("Order report for the night of " + night + ": " + this.orders.count() + " orders in all");
	}

}
