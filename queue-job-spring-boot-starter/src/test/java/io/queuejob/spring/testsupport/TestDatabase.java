package io.queuejob.spring.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.Driver;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL database for tests: the {@linkplain #shared() shared} one of the JVM,
 * migrated once and emptied of jobs before each test, or a {@linkplain #fresh() fresh},
 * empty one of its own for the tests that need a database to themselves (schema and
 * migration tests, several nodes or processes, an application with its own schema).
 * Dropped when the JVM exits.
 * <p>
 * The server is chosen once per JVM: the JDBC URL in {@code QUEUE_JOB_TEST_JDBC_URL}
 * (user {@code QUEUE_JOB_TEST_USERNAME}, default {@code postgres}, password
 * {@code QUEUE_JOB_TEST_PASSWORD}) if set, else a {@code postgres:15} Testcontainers
 * container when a Docker engine is found, else the local server
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres} as user {@code postgres}. When the
 * server cannot be reached, {@link #fresh()} fails with a message saying what was tried;
 * tests are never skipped.
 * <p>
 * With an {@code ApplicationContextRunner}: <pre class="code">
 * new ApplicationContextRunner()
 *     .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
 *     .withPropertyValues(TestDatabase.fresh().properties())
 *     .run((context) -&gt; ...);
 * </pre> With a {@code @SpringBootTest}: <pre class="code">
 * static final TestDatabase database = TestDatabase.fresh();
 *
 * &#064;DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     database.register(registry);
 * }
 * </pre>
 */
public final class TestDatabase {

	/**
	 * The connection pool size of the applications under test: many test contexts, each
	 * with its pool and listener, share one server and its connection limit.
	 */
	private static final int POOL_SIZE = 5;

	private final String name;

	private final String url;

	private final String username;

	private final String password;

	private final DataSource dataSource;

	private final boolean migrated;

	TestDatabase(String name, String url, String username, String password) {
		this(name, url, username, password, false);
	}

	private TestDatabase(String name, String url, String username, String password, boolean migrated) {
		this.name = name;
		this.url = url;
		this.username = username;
		this.password = password;
		this.migrated = migrated;
		this.dataSource = new SimpleDriverDataSource(new Driver(), url, username, password);
	}

	/**
	 * This database once the starter's migrations are applied to it.
	 * @return the same database, whose properties turn Spring Boot's own Flyway off
	 */
	TestDatabase migrated() {
		return new TestDatabase(this.name, this.url, this.username, this.password, true);
	}

	/**
	 * Return the database shared by the tests of this JVM: created on the test server and
	 * migrated on first use. Tests that use it declare {@link QueueJobIntegrationTest} or
	 * extend with {@link DeleteJobsBeforeEach}, which deletes its jobs before each test.
	 * @return the shared database
	 * @throws IllegalStateException if no PostgreSQL server can be reached
	 */
	public static TestDatabase shared() {
		return TestDatabaseServer.shared();
	}

	/**
	 * Create a new empty database on the test server.
	 * @return the database
	 * @throws IllegalStateException if no PostgreSQL server can be reached
	 */
	public static TestDatabase fresh() {
		return TestDatabaseServer.get().createDatabase();
	}

	/**
	 * Create a new empty database on the server of the given JDBC URL.
	 * @param serverUrl the JDBC URL of any database of the server
	 * @param username the user, who needs the CREATEDB privilege
	 * @param password the password or {@code null}
	 * @return the database
	 */
	static TestDatabase fresh(String serverUrl, String username, String password) {
		return new TestDatabaseServer(serverUrl, username, password, "the server " + serverUrl + " as user " + username)
			.createDatabase();
	}

	/**
	 * Return the name of the database.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the JDBC URL of the database.
	 * @return the JDBC URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Return the user.
	 * @return the user
	 */
	public String username() {
		return this.username;
	}

	/**
	 * Return the password.
	 * @return the password or {@code null}
	 */
	public String password() {
		return this.password;
	}

	/**
	 * Return a simple, unpooled data source of the database.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Return the {@code spring.datasource.*} properties of the database, in the
	 * {@code key=value} form of {@code ApplicationContextRunner.withPropertyValues}. The
	 * shared database's also turn Spring Boot's own Flyway off: its schema holds the
	 * starter's tables already and no application migrations, and Boot's Flyway (on the
	 * test class path for the host applications with migrations of their own) refuses a
	 * non-empty schema without a history of its own.
	 * @return the properties
	 */
	public String[] properties() {
		return propertyMap().entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Return the properties of {@link #properties()} as a map.
	 * @return the properties by name
	 */
	public Map<String, Object> propertyMap() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", this.url);
		properties.put("spring.datasource.username", this.username);
		if (this.password != null) {
			properties.put("spring.datasource.password", this.password);
		}
		properties.put("spring.datasource.hikari.maximum-pool-size", POOL_SIZE);
		properties.put("spring.datasource.hikari.minimum-idle", 1);
		if (this.migrated) {
			properties.put("spring.flyway.enabled", false);
		}
		return properties;
	}

	/**
	 * Register the {@link #properties()} of the database, from a
	 * {@code @DynamicPropertySource} method.
	 * @param registry the registry
	 */
	public void register(DynamicPropertyRegistry registry) {
		propertyMap().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Override
	public String toString() {
		return this.url;
	}

}
