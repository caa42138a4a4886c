package io.queuejob.spring.internal.runner;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * The default name of a node, stored on the jobs its workers run and on its row in
 * {@code queue_job_node}: the host name, the process id and a random suffix, so that two
 * processes on one host, or one process started twice, never share a name.
 */
public final class NodeName {

	private NodeName() {
	}

	/**
	 * A new name for this node.
	 * @return {@code host:pid:random}
	 */
	public static String generate() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

}
