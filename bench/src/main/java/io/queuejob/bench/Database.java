package io.queuejob.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of the benchmarks and a fresh database per run.
 */
final class Database implements AutoCloseable {

	static final String SERVER_URL = env("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

	static final String USER = env("BENCH_USER", "postgres");

	static final String PASSWORD = env("BENCH_PASSWORD", null);

	private static final AtomicInteger sequence = new AtomicInteger();

	final String name;

	final String url;

	private Database(String name) {
		this.name = name;
		int slash = SERVER_URL.lastIndexOf('/');
		int query = SERVER_URL.indexOf('?', slash);
		this.url = SERVER_URL.substring(0, slash + 1) + name + ((query > 0) ? SERVER_URL.substring(query) : "");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	static Database fresh(String workload) {
		String name = ("qjbench_" + workload + "_" + ProcessHandle.current().pid() + "_" + sequence.incrementAndGet())
			.toLowerCase();
		try (Connection connection = server(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name + " on " + SERVER_URL, ex);
		}
		return new Database(name);
	}

	static Connection server() throws SQLException {
		return DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, USER, PASSWORD);
	}

	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", this.url);
		properties.put("spring.datasource.username", USER);
		if (PASSWORD != null) {
			properties.put("spring.datasource.password", PASSWORD);
		}
		return properties;
	}

	long queryLong(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	double queryDouble(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getDouble(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	List<String> queryStrings(String sql) {
		List<String> rows = new ArrayList<>();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? " | " : "").append(rs.getString(i));
				}
				rows.add(row.toString());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
		return rows;
	}

	void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/**
	 * The server's count of committed transactions in this database. Backends report
	 * their counts when they end or at most every second, so read it after the
	 * connections of a run are closed. Read from the server's database, so that reading
	 * adds nothing.
	 * @return committed transactions so far
	 */
	long serverCommits() {
		try (Connection connection = server(); Statement statement = connection.createStatement()) {
			Thread.sleep(300);
			statement.execute("SELECT pg_stat_clear_snapshot()");
			try (ResultSet rs = statement
				.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '" + this.name + "'")) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try (Connection connection = server(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop " + this.name + ": " + ex.getMessage());
		}
	}

}
