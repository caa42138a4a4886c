package io.queuejob.sample.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.Driver;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Creates the database the sample connects to when it does not exist yet, so that the
 * sample runs on a fresh PostgreSQL without a {@code createdb} step and never writes into
 * the server's {@code postgres} database. It acts on the JDBC connection details, before
 * the data source is made from them: it connects to their database and, only when
 * PostgreSQL answers that the database does not exist (SQL state {@code 3D000}), connects
 * to the server's {@code postgres} database with the same user and creates it. Any other
 * failure to connect is left to the data source, whose start-up failure says what is
 * wrong.
 */
@Component
class SampleDatabaseCreator implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(SampleDatabaseCreator.class);

	private static final String URL_PREFIX = "jdbc:postgresql://";

	private static final String INVALID_CATALOG_NAME = "3D000";

	private static final String DUPLICATE_DATABASE = "42P04";

	private static final String MAINTENANCE_DATABASE = "postgres";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof JdbcConnectionDetails details && details.getJdbcUrl() != null
				&& details.getJdbcUrl().startsWith(URL_PREFIX)) {
			createIfMissing(details.getJdbcUrl(), details.getUsername(), details.getPassword());
		}
		return bean;
	}

	static void createIfMissing(String url, String username, String password) {
		Properties parsed = Driver.parseURL(url, null);
		String database = (parsed != null) ? parsed.getProperty("PGDBNAME") : null;
		if (database == null || database.isEmpty() || database.equals(MAINTENANCE_DATABASE)) {
			return;
		}
		try (Connection connection = connect(url, username, password)) {
			return;
		}
		catch (SQLException ex) {
			if (!INVALID_CATALOG_NAME.equals(ex.getSQLState())) {
				return;
			}
		}
		String serverUrl = withDatabase(url, MAINTENANCE_DATABASE);
		try (Connection connection = connect(serverUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + quoted(database));
			logger.info("Created the database " + database + " for the sample");
		}
		catch (SQLException ex) {
			if (!DUPLICATE_DATABASE.equals(ex.getSQLState())) {
				throw new IllegalStateException("The database " + database + " of " + url
						+ " does not exist, and creating it failed (" + ex.getMessage() + "). Create it (createdb "
						+ database + "), or point SPRING_DATASOURCE_URL at an existing database", ex);
			}
		}
	}

	/**
	 * Return a PostgreSQL JDBC URL with its database replaced, keeping its hosts and
	 * parameters.
	 * @param url a URL of the form {@code jdbc:postgresql://hosts/database?parameters}
	 * @param database the database
	 * @return the URL of that database on the same server
	 */
	static String withDatabase(String url, String database) {
		int query = url.indexOf('?');
		String location = url.substring(0, (query >= 0) ? query : url.length());
		int slash = location.indexOf('/', URL_PREFIX.length());
		String hosts = (slash >= 0) ? location.substring(0, slash) : location;
		return hosts + "/" + database + ((query >= 0) ? url.substring(query) : "");
	}

	private static Connection connect(String url, String username, String password) throws SQLException {
		Properties properties = new Properties();
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("connectTimeout", "10");
		return DriverManager.getConnection(url, properties);
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
