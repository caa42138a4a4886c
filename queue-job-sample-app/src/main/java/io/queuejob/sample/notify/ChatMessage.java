package io.queuejob.sample.notify;

/**
 * A message for a chat room.
 *
 * @param room where it goes
 * @param text what it says
 */
public record ChatMessage(String room, String text) {

}
