package io.queuejob.spring.testsupport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on the loopback interface that can cut its connections on the server side
 * only: the server sees them closed, while the clients' sockets stay open and silent, as
 * behind a network device that dropped its state. While cut, it accepts new connections
 * and never answers them.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final List<Socket> upstreams = new CopyOnWriteArrayList<>();

	private volatile boolean forwarding = true;

	/**
	 * Start a proxy to a server.
	 * @param targetHost the server's host
	 * @param targetPort the server's port
	 * @throws IOException if the proxy cannot listen
	 */
	public TcpProxy(String targetHost, int targetPort) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		daemon("tcp-proxy-accept", this::accept);
	}

	/**
	 * Start a proxy to the server of a PostgreSQL JDBC URL.
	 * @param jdbcUrl the URL, {@code jdbc:postgresql://host:port/database}
	 * @return the proxy
	 * @throws IOException if the proxy cannot listen
	 */
	public static TcpProxy to(String jdbcUrl) throws IOException {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		return new TcpProxy(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 5432);
	}

	/**
	 * The URL of a database through this proxy.
	 * @param jdbcUrl the database's URL on the server
	 * @return the same URL with the proxy's address
	 */
	public String url(String jdbcUrl) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		return "jdbc:postgresql://127.0.0.1:" + this.server.getLocalPort() + uri.getRawPath()
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	/**
	 * Close every connection on the server's side only, and answer no new connection
	 * until {@link #restore()}.
	 */
	public void cutServerSide() {
		this.forwarding = false;
		for (Socket upstream : this.upstreams) {
			closeQuietly(upstream);
		}
	}

	/**
	 * Forward new connections again; the clients' sockets left silent by the cut are
	 * closed, as the network device would reset them.
	 */
	public void restore() {
		this.forwarding = true;
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
	}

	@Override
	public void close() {
		this.forwarding = false;
		closeQuietly(this.server);
		this.sockets.forEach(TcpProxy::closeQuietly);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				if (this.forwarding) {
					Socket upstream = new Socket(this.targetHost, this.targetPort);
					this.sockets.add(upstream);
					this.upstreams.add(upstream);
					daemon("tcp-proxy-up", () -> pump(client, upstream));
					daemon("tcp-proxy-down", () -> pump(upstream, client));
				}
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	/**
	 * Copy bytes while forwarding; once cut, leave the other side open and silent.
	 */
	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			for (int read = in.read(buffer); read != -1 && this.forwarding; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side is closed: the other side stays as it is
		}
		if (this.forwarding) {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
