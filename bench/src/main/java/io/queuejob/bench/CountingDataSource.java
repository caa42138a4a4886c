package io.queuejob.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source that counts, for every node of the JVM, the statements executed (by their
 * SQL's first words) and the commits: explicit ones and those of statements run with
 * auto-commit. These are the round trips and commits per job the README reports.
 */
final class CountingDataSource implements DataSource {

	private static final Map<String, LongAdder> statements = new ConcurrentHashMap<>();

	private static final LongAdder commits = new LongAdder();

	private static volatile Thread only;

	private final DataSource delegate;

	CountingDataSource(DataSource delegate) {
		this.delegate = delegate;
	}

	static void reset() {
		statements.clear();
		commits.reset();
	}

	/**
	 * Count only the statements of the given thread from now on, or of every thread.
	 * @param thread the thread, or {@code null} for every thread
	 */
	static void countOnly(Thread thread) {
		only = thread;
	}

	private static void count(String label, java.util.function.BooleanSupplier autoCommit) {
		Thread counted = only;
		if (counted != null && counted != Thread.currentThread()) {
			return;
		}
		statements.computeIfAbsent(label, (key) -> new LongAdder()).increment();
		if (autoCommit.getAsBoolean()) {
			commits.increment();
		}
	}

	static long commits() {
		return commits.sum();
	}

	static Map<String, Long> statements() {
		Map<String, Long> counts = new TreeMap<>();
		statements.forEach((sql, count) -> counts.put(sql, count.sum()));
		return counts;
	}

	private static final Map<String, String> labels = new ConcurrentHashMap<>();

	static String label(String sql) {
		return labels.computeIfAbsent(sql, CountingDataSource::flatten);
	}

	private static String flatten(String sql) {
		String flat = sql.replaceAll("\\s+", " ").trim();
		return (flat.length() > 90) ? flat.substring(0, 90) : flat;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return counting(this.delegate.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return counting(this.delegate.getConnection(username, password));
	}

	private static Connection counting(Connection connection) throws SQLException {
		boolean[] autoCommit = { connection.getAutoCommit() };
		InvocationHandler handler = (proxy, method, args) -> {
			switch (method.getName()) {
				case "setAutoCommit" -> autoCommit[0] = (Boolean) args[0];
				case "commit" -> commits.increment();
				case "createStatement" -> {
					Statement statement = (Statement) invoke(connection, method, args);
					return plainStatement(statement, () -> autoCommit[0]);
				}
				case "prepareStatement" -> {
					PreparedStatement statement = (PreparedStatement) invoke(connection, method, args);
					return statement(statement, label((String) args[0]), () -> autoCommit[0]);
				}
				default -> {
				}
			}
			return invoke(connection, method, args);
		};
		return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
	}

	private static PreparedStatement statement(PreparedStatement statement, String label,
			java.util.function.BooleanSupplier autoCommit) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().startsWith("execute")) {
				count(label, autoCommit);
			}
			return invoke(statement, method, args);
		};
		return (PreparedStatement) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, handler);
	}

	private static Statement plainStatement(Statement statement, java.util.function.BooleanSupplier autoCommit) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql) {
				count(label(sql), autoCommit);
			}
			return invoke(statement, method, args);
		};
		return (Statement) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
				new Class<?>[] { Statement.class }, handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.delegate.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.delegate.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.delegate.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.delegate.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.delegate.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance(this) ? type.cast(this) : this.delegate.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this) || this.delegate.isWrapperFor(type);
	}

}
