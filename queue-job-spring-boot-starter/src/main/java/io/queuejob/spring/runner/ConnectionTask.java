package io.queuejob.spring.runner;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on the listener's dedicated connection: after it connects, about every second
 * while it listens, and when it is lost. Such work holds what the database releases when
 * the node's connection dies, such as session advisory locks.
 */
public interface ConnectionTask {

	/**
	 * Called on the listener thread after connecting and then about every second.
	 * @param connection the dedicated connection, in auto-commit mode
	 * @throws SQLException if the connection fails; the listener then reconnects
	 */
	void run(Connection connection) throws SQLException;

	/**
	 * Called when the connection is lost or closed: whatever it held is released.
	 */
	void disconnected();

}
