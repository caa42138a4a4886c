package io.queuejob.spring.internal.operations;

import java.util.List;

import io.queuejob.spring.operations.ChannelStatus;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.NodeStatus;
import io.queuejob.spring.schedule.JobSchedules;
import io.queuejob.spring.schedule.Schedule;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code queuejob}: the channels with their job counts, the nodes
 * running queue-job and the schedules.
 */
@Endpoint(id = "queuejob")
public class QueueJobEndpoint {

	private final JobOperations operations;

	private final JobSchedules schedules;

	/**
	 * Create the endpoint.
	 * @param operations where it reads the channels and nodes from
	 * @param schedules where it reads the schedules from, or {@code null} for none
	 */
	public QueueJobEndpoint(JobOperations operations, JobSchedules schedules) {
		this.operations = operations;
		this.schedules = schedules;
	}

	/**
	 * The channels, the nodes and the schedules.
	 * @return the overview
	 */
	@ReadOperation
	public Overview overview() {
		return new Overview(this.operations.channels(), this.operations.nodes(),
				(this.schedules != null) ? this.schedules.list() : List.of());
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param channels every configured channel and every channel with active jobs
	 * @param nodes the nodes seen in the last 10 minutes
	 * @param schedules the schedules, by name
	 */
	public record Overview(List<ChannelStatus> channels, List<NodeStatus> nodes, List<Schedule> schedules) {

	}

}
