package io.queuejob.spring.internal.web;

import java.util.List;

import io.queuejob.spring.operations.ChannelStatus;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.WaitingCounts;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The overview of the operations API: channels, nodes and job functions.
 */
@RestController
@RequestMapping("${queue-job.web.path:/queue-job}/api")
public class OverviewController {

	private final JobOperations operations;

	/**
	 * Create the controller.
	 * @param operations the operations it exposes
	 */
	public OverviewController(JobOperations operations) {
		this.operations = operations;
	}

	/**
	 * Every configured channel and every channel with active jobs, with their counts and
	 * their waiting jobs per reason.
	 * @return the channels
	 */
	@GetMapping("/channels")
	public List<?> channels() {
		List<ChannelStatus> channels = this.operations.channels();
		WaitingCounts waiting = this.operations.waitingCounts();
		return channels.stream().map((channel) -> JobJson.Channel.of(channel, waiting)).toList();
	}

	/**
	 * The nodes seen in the last 10 minutes, most recently started first.
	 * @return the nodes
	 */
	@GetMapping("/nodes")
	public List<?> nodes() {
		return this.operations.nodes().stream().map(JobJson.ClusterNode::of).toList();
	}

	/**
	 * The job function names, sorted.
	 * @return the names
	 */
	@GetMapping("/functions")
	public List<String> functions() {
		return this.operations.functions();
	}

}
