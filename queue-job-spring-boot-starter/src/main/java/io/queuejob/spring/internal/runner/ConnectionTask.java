package io.queuejob.spring.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on the listener's dedicated connection: after it connects, at every probe
 * interval while it listens, and when it is lost. Such work holds what the database
 * releases when the node's connection dies, such as session advisory locks.
 */
public interface ConnectionTask {

	/**
	 * Called on the listener thread after connecting and then at every probe interval,
	 * each time right after the server answered a probe on the connection.
	 * @param connection the dedicated connection, in auto-commit mode
	 * @param confirmedAt the {@link System#nanoTime()} at which the answered probe was
	 * sent: the session, and whatever it holds, was alive at that instant
	 * @throws SQLException if the connection fails; the listener then reconnects
	 */
	void run(Connection connection, long confirmedAt) throws SQLException;

	/**
	 * Called when the connection is lost or closed: whatever it held is released.
	 */
	void disconnected();

}
