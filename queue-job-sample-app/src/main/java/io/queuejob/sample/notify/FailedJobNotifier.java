package io.queuejob.sample.notify;

import io.queuejob.spring.event.JobFailedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the operations room when a job fails, so that someone looks at it (and requeues
 * it once the cause is fixed). queue-job publishes the event after the failure is
 * committed, on the worker's thread: a sender that talks to a slow service should run
 * asynchronously ({@code @Async}) so that the worker goes on with the next job.
 */
@Component
public class FailedJobNotifier {

	static final String ROOM = "ops";

	private final ChatSender chat;

	FailedJobNotifier(ChatSender chat) {
		this.chat = chat;
	}

	/**
	 * Send a message about a failed job.
	 * @param event the failure
	 */
	@EventListener
	public void onFailure(JobFailedEvent event) {
		String what = (event.getDescription() != null) ? event.getDescription() : event.getJobFunction();
		this.chat.send(new ChatMessage(ROOM,
				"Job failed: " + what + " (" + event.getJobFunction() + ", job " + event.getUuid() + ", channel "
						+ event.getChannel() + ", try " + event.getRetry() + "): " + event.getExcName() + ": "
						+ event.getExcMessage()));
	}

}
