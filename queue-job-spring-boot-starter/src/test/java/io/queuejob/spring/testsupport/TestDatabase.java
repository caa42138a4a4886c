package io.queuejob.spring.testsupport;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.Driver;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh, empty PostgreSQL database of its own for one test class or one application
 * context, so tests never see each other's jobs. Dropped when the JVM exits.
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

	TestDatabase(String name, String url, String username, String password) {
		this.name = name;
		this.url = url;
		this.username = username;
		this.password = password;
		this.dataSource = new SimpleDriverDataSource(new Driver(), url, username, password);
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
	 * {@code key=value} form of {@code ApplicationContextRunner.withPropertyValues}.
	 * @return the properties
	 */
	public String[] properties() {
		List<String> properties = new ArrayList<>();
		properties.add("spring.datasource.url=" + this.url);
		properties.add("spring.datasource.username=" + this.username);
		if (this.password != null) {
			properties.add("spring.datasource.password=" + this.password);
		}
		properties.add("spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE);
		properties.add("spring.datasource.hikari.minimum-idle=1");
		return properties.toArray(new String[0]);
	}

	/**
	 * Register the {@code spring.datasource.*} properties of the database, from a
	 * {@code @DynamicPropertySource} method.
	 * @param registry the registry
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", this::username);
		if (this.password != null) {
			registry.add("spring.datasource.password", this::password);
		}
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> POOL_SIZE);
		registry.add("spring.datasource.hikari.minimum-idle", () -> 1);
	}

	@Override
	public String toString() {
		return this.url;
	}

}
