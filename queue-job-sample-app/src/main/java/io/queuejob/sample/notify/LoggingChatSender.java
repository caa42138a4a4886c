package io.queuejob.sample.notify;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The chat of this sample: a WARN line in the log, as if the message were posted. Replace
 * this bean with one that talks to a real chat or mail server.
 */
@Component
public class LoggingChatSender implements ChatSender {

	private static final Log logger = LogFactory.getLog(LoggingChatSender.class);

	@Override
	public void send(ChatMessage message) {
		logger.warn("[chat #" + message.room() + "] " + message.text());
	}

}
