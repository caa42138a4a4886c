package io.queuejob.sample.notify;

/**
 * Sends chat messages. This sample only logs them ({@link LoggingChatSender}); a real
 * application declares a bean that posts to its chat or sends mail instead.
 */
public interface ChatSender {

	/**
	 * Send a message.
	 * @param message the message
	 */
	void send(ChatMessage message);

}
