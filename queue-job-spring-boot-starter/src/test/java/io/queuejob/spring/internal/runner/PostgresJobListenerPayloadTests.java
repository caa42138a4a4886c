package io.queuejob.spring.internal.runner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscription can ignore its own node's notifications, told apart by their payload.
 * Notifications of separate transactions arrive in commit order and the listener calls
 * back in that order, so a notification on a marker channel sent last tells when the ones
 * before it were handled: no waiting for a callback that should not come.
 */
class PostgresJobListenerPayloadTests {

	private static final TestDatabase database = TestDatabase.fresh();

	private final AtomicInteger others = new AtomicInteger();

	private final AtomicInteger all = new AtomicInteger();

	private final AtomicInteger markers = new AtomicInteger();

	private PostgresJobListener listener;

	@BeforeEach
	void startListener() {
		this.listener = new PostgresJobListener(
				() -> DriverManager.getConnection(database.url(), database.username(), database.password()),
				Duration.ofMillis(100), Duration.ofSeconds(5));
		this.listener.subscribe("test_jobs", "this-node", this.others::incrementAndGet);
		this.listener.subscribe("test_jobs", this.all::incrementAndGet);
		this.listener.subscribe("test_marker", this.markers::incrementAndGet);
		this.listener.start();
		await().atMost(Duration.ofSeconds(30)).until(this.listener::isConnected);
		// every subscriber is woken once after connecting
		await().atMost(Duration.ofSeconds(30)).until(() -> this.markers.get() == 1);
	}

	@AfterEach
	void stopListener() {
		this.listener.stop();
	}

	@Test
	void ownNotificationsWakeOnlyTheSubscribersThatDoNotIgnoreThem() throws SQLException {
		int othersBefore = this.others.get();
		int allBefore = this.all.get();
		notifyAndMark("this-node");
		assertThat(this.others.get()).isEqualTo(othersBefore);
		assertThat(this.all.get()).isEqualTo(allBefore + 1);
		notifyAndMark("another-node");
		assertThat(this.others.get()).isEqualTo(othersBefore + 1);
		assertThat(this.all.get()).isEqualTo(allBefore + 2);
	}

	private void notifyAndMark(String payload) throws SQLException {
		int marked = this.markers.get();
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_notify('test_jobs', '" + payload + "')");
			statement.execute("SELECT pg_notify('test_marker', '')");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.markers.get() == marked + 1);
	}

}
