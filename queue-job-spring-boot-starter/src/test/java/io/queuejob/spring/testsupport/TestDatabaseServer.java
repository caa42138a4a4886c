package io.queuejob.spring.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The PostgreSQL server the tests create their databases on, chosen once per JVM.
 */
final class TestDatabaseServer {

	static final String URL_VARIABLE = "QUEUE_JOB_TEST_JDBC_URL";

	static final String USERNAME_VARIABLE = "QUEUE_JOB_TEST_USERNAME";

	static final String PASSWORD_VARIABLE = "QUEUE_JOB_TEST_PASSWORD";

	static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static final String DEFAULT_USERNAME = "postgres";

	private static final String URL_PREFIX = "jdbc:postgresql:";

	private static final Log logger = LogFactory.getLog(TestDatabaseServer.class);

	private static final List<Created> created = new CopyOnWriteArrayList<>();

	private static TestDatabaseServer selected;

	private static TestDatabase shared;

	private static boolean dropHookAdded;

	private final String url;

	private final String username;

	private final String password;

	private final String tried;

	TestDatabaseServer(String url, String username, String password, String tried) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.tried = tried;
	}

	static synchronized TestDatabaseServer get() {
		if (selected == null) {
			selected = select(System.getenv());
			logger.info("Test databases are created on " + selected.tried);
		}
		return selected;
	}

	static synchronized TestDatabase shared() {
		if (shared == null) {
			TestDatabase database = get().createDatabase();
			QueueJobTables.migrate(database.dataSource());
			shared = database.migrated();
			logger.info("The shared test database is " + database.url());
		}
		return shared;
	}

	private static TestDatabaseServer select(Map<String, String> environment) {
		String url = environment.get(URL_VARIABLE);
		if (StringUtils.hasText(url)) {
			String username = environment.getOrDefault(USERNAME_VARIABLE, DEFAULT_USERNAME);
			return new TestDatabaseServer(url, username, environment.get(PASSWORD_VARIABLE),
					URL_VARIABLE + "=" + url + " as user " + username);
		}
		if (ClassUtils.isPresent("org.testcontainers.DockerClientFactory", TestDatabaseServer.class.getClassLoader())
				&& TestcontainersPostgres.isDockerAvailable()) {
			return TestcontainersPostgres.start();
		}
		return new TestDatabaseServer(LOCAL_URL, DEFAULT_USERNAME, null,
				"the local server " + LOCAL_URL + " as user postgres (" + URL_VARIABLE
						+ " is not set and no Docker engine was found for Testcontainers)");
	}

	TestDatabase createDatabase() {
		String name = "queue_job_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String databaseUrl = withDatabase(this.url, name);
		try {
			execute("CREATE DATABASE " + name + " TEMPLATE template0");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(unreachableMessage(ex), ex);
		}
		dropAtExit(name);
		ContextCounter.databaseCreated();
		return new TestDatabase(name, databaseUrl, this.username, this.password);
	}

	private String unreachableMessage(SQLException ex) {
		return "No PostgreSQL for the tests: tried " + this.tried + " and could not create a database there ("
				+ ex.getMessage() + "). Tests that touch a database need a real PostgreSQL (13 or later) whose user"
				+ " may create databases. Point the tests at one with " + URL_VARIABLE
				+ " (for example jdbc:postgresql://localhost:5432/postgres), " + USERNAME_VARIABLE
				+ " (default postgres) and " + PASSWORD_VARIABLE
				+ ", or start a Docker engine for Testcontainers, or run PostgreSQL on "
				+ "127.0.0.1:5432 with user postgres.";
	}

	private void execute(String sql) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.username);
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		properties.setProperty("connectTimeout", "10");
		properties.setProperty("ApplicationName", "queue-job tests");
		try (Connection connection = DriverManager.getConnection(this.url, properties);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private void dropAtExit(String database) {
		synchronized (TestDatabaseServer.class) {
			if (!dropHookAdded) {
				Runtime.getRuntime()
					.addShutdownHook(new Thread(TestDatabaseServer::dropCreated, "queue-job-test-databases"));
				dropHookAdded = true;
			}
		}
		created.add(new Created(this, database));
	}

	private static void dropCreated() {
		for (Created database : created) {
			try {
				database.server().execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				// Best effort: the server may be gone already
			}
		}
	}

	/**
	 * Return the given JDBC URL with its database replaced.
	 * @param url a PostgreSQL JDBC URL
	 * @param database the database
	 * @return the URL of the database on the same server, with the same parameters
	 */
	static String withDatabase(String url, String database) {
		if (!url.startsWith(URL_PREFIX)) {
			throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
		}
		int query = url.indexOf('?');
		String parameters = (query >= 0) ? url.substring(query) : "";
		String location = url.substring(URL_PREFIX.length(), (query >= 0) ? query : url.length());
		if (!location.startsWith("//")) {
			return URL_PREFIX + database + parameters;
		}
		int slash = location.indexOf('/', 2);
		String hosts = (slash >= 0) ? location.substring(0, slash) : location;
		return URL_PREFIX + hosts + "/" + database + parameters;
	}

	private record Created(TestDatabaseServer server, String name) {

	}

}
