package io.queuejob.spring.internal.operations;

import java.util.List;

import io.queuejob.spring.operations.ChannelStatus;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.NodeStatus;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code queuejob}: the channels with their job counts and the
 * nodes running queue-job.
 */
@Endpoint(id = "queuejob")
public class QueueJobEndpoint {

	private final JobOperations operations;

	/**
	 * Create the endpoint.
	 * @param operations where it reads from
	 */
	public QueueJobEndpoint(JobOperations operations) {
		this.operations = operations;
	}

	/**
	 * The channels and the nodes.
	 * @return the overview
	 */
	@ReadOperation
	public Overview overview() {
		return new Overview(this.operations.channels(), this.operations.nodes());
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param channels every configured channel and every channel with active jobs
	 * @param nodes the nodes seen in the last 10 minutes
	 */
	public record Overview(List<ChannelStatus> channels, List<NodeStatus> nodes) {

	}

}
