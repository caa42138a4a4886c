package io.queuejob.spring.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.postgresql.Driver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * Where the listener opens its dedicated connection: {@code queue-job.listener.url} (with
 * {@code queue-job.listener.username} and {@code password}, else the application data
 * source's credentials) when set, a connection straight to PostgreSQL beside a data
 * source that goes through a connection pooler; else the application data source's URL,
 * or, for a {@link QueueJobDataSource @QueueJobDataSource}, a connection of that pool.
 */
final class ListenerConnection {

	private final String url;

	private final String username;

	private final String password;

	private final DataSource pool;

	private ListenerConnection(String url, String username, String password, DataSource pool) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.pool = pool;
	}

	/**
	 * Resolve the listener's connection from the properties and the data source.
	 * @param properties the queue-job properties
	 * @param database the queue-job data source
	 * @param details the connection details of the application data source
	 * @return the listener's connection
	 */
	static ListenerConnection of(QueueJobProperties properties, QueueJobDatabase database,
			ObjectProvider<JdbcConnectionDetails> details) {
		QueueJobProperties.Listener listener = properties.getListener();
		// the connection details describe the application's data source
		JdbcConnectionDetails application = database.ownDataSource() ? null : details.getIfAvailable();
		if (StringUtils.hasText(listener.getUrl())) {
			String username = listener.getUsername();
			String password = listener.getPassword();
			if (username == null && application != null) {
				username = application.getUsername();
				if (password == null) {
					password = application.getPassword();
				}
			}
			return new ListenerConnection(listener.getUrl(), username, password, null);
		}
		if (application != null) {
			return new ListenerConnection(application.getJdbcUrl(), application.getUsername(),
					application.getPassword(), null);
		}
		return new ListenerConnection(null, null, null, database.dataSource());
	}

	/**
	 * Whether {@code queue-job.listener.url} is set.
	 * @param properties the queue-job properties
	 * @return {@code true} if the listener connects to a URL of its own
	 */
	static boolean configured(QueueJobProperties properties) {
		return StringUtils.hasText(properties.getListener().getUrl());
	}

	/**
	 * Open a new connection.
	 * @param settings further driver settings, for a connection opened by URL
	 * @return the connection
	 * @throws SQLException if it cannot be opened
	 */
	Connection open(Properties settings) throws SQLException {
		if (this.pool != null) {
			return this.pool.getConnection();
		}
		return DriverManager.getConnection(this.url, credentials(settings));
	}

	/**
	 * A data source that opens a new connection like this one for every call, for the
	 * starter's migrations.
	 * @return the data source
	 */
	DataSource dataSource() {
		if (this.pool != null) {
			return this.pool;
		}
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(), this.url);
		dataSource.setConnectionProperties(credentials(new Properties()));
		return dataSource;
	}

	private Properties credentials(Properties settings) {
		Properties properties = new Properties();
		properties.putAll(settings);
		if (this.username != null) {
			properties.setProperty("user", this.username);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return properties;
	}

}
