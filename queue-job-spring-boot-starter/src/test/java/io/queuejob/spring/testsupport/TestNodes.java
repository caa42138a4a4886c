package io.queuejob.spring.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.queuejob.spring.internal.runner.RunnerElection;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes (application contexts without a web server) of one application on one test
 * database, for tests of what happens across nodes; every node still running is closed
 * after each test. Register it as an extension field after the database:
 *
 * <pre class="code">
 * private final TestDatabase database = TestDatabase.fresh();
 *
 * &#64;RegisterExtension
 * final TestNodes nodes = new TestNodes(this.database, Node.class, "queue-job.poll-interval=2s");
 * </pre>
 */
public final class TestNodes implements AfterEachCallback {

	private final TestDatabase database;

	private final Class<?> application;

	private final List<String> properties;

	private final List<ConfigurableApplicationContext> running = new ArrayList<>();

	/**
	 * Nodes of an application.
	 * @param database the database every node uses
	 * @param application the application's configuration class
	 * @param properties properties every node gets, as {@code name=value}
	 */
	public TestNodes(TestDatabase database, Class<?> application, String... properties) {
		this.database = database;
		this.application = application;
		this.properties = List.of(properties);
	}

	/**
	 * Start a node.
	 * @param properties properties of this node, as {@code name=value}, over those of
	 * every node
	 * @return the running node
	 */
	public ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of(this.database.properties()));
		all.addAll(this.properties);
		all.addAll(List.of(properties));
		ConfigurableApplicationContext node = new SpringApplicationBuilder(this.application)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		this.running.add(node);
		return node;
	}

	/**
	 * A running node.
	 * @param index its index among the running nodes, in the order they started
	 * @return the node
	 */
	public ConfigurableApplicationContext get(int index) {
		return this.running.get(index);
	}

	/**
	 * The running nodes, in the order they started.
	 * @return the nodes
	 */
	public List<ConfigurableApplicationContext> running() {
		return Collections.unmodifiableList(this.running);
	}

	/**
	 * How many running nodes hold the runner role.
	 * @return the count, 1 once an election settled
	 */
	public long leaders() {
		return this.running.stream().filter(TestNodes::isLeader).count();
	}

	/**
	 * Stop the node that holds the runner role.
	 * @return the stopped node
	 * @throws IllegalStateException if no running node holds it
	 */
	public ConfigurableApplicationContext stopLeader() {
		ConfigurableApplicationContext leader = this.running.stream()
			.filter(TestNodes::isLeader)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No running node holds the runner role"));
		stop(leader);
		return leader;
	}

	/**
	 * Stop a node.
	 * @param node the node
	 */
	public void stop(ConfigurableApplicationContext node) {
		this.running.remove(node);
		node.close();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<ConfigurableApplicationContext> nodes = new ArrayList<>(this.running);
		this.running.clear();
		nodes.forEach(ConfigurableApplicationContext::close);
	}

	private static boolean isLeader(ConfigurableApplicationContext node) {
		return node.getBean(RunnerElection.class).isLeader();
	}

}
