package io.queuejob.spring.internal.web;

import io.queuejob.spring.operations.JobOperations;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pause and resume of channels in the operations API.
 */
@RestController
@RequestMapping("${queue-job.web.path:/queue-job}/api/channels")
public class ChannelPauseController {

	private final JobOperations operations;

	/**
	 * Create the controller.
	 * @param operations the operations it exposes
	 */
	public ChannelPauseController(JobOperations operations) {
		this.operations = operations;
	}

	/**
	 * Pause a channel and its sub-channels on every node.
	 * @param name the channel's name, with or without {@code root.}
	 * @return the channel after the change
	 */
	@PostMapping("/{name}/pause")
	public Object pause(@PathVariable String name) {
		return JobJson.Channel.of(this.operations.pause(name), this.operations.waitingCounts());
	}

	/**
	 * Resume a paused channel.
	 * @param name the channel's name, with or without {@code root.}
	 * @return the channel after the change
	 */
	@PostMapping("/{name}/resume")
	public Object resume(@PathVariable String name) {
		return JobJson.Channel.of(this.operations.resume(name), this.operations.waitingCounts());
	}

}
