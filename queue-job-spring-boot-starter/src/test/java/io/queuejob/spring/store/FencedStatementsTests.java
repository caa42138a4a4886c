package io.queuejob.spring.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.runner.NodeLiveness;
import io.queuejob.spring.runner.RunnerElection;
import io.queuejob.spring.store.JdbcJobStore.DeadJob;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The statements that fence a node that lost its session: an outcome written late by the
 * node whose try was rescued changes nothing, a rescue happens only while the rescuing
 * runner's listener session still holds the election lock and the dead node's lock is
 * still free, and a round lock is taken only by the session that holds the election lock.
 * Sessions are plain connections that take the locks as the listener does.
 */
@SpringBootTest(classes = AutoConfiguredApplication.class, properties = { "queue-job.runner.enabled=false",
		"queue-job.worker.enabled=false", "queue-job.listener.enabled=false" })
class FencedStatementsTests {

	private static final TestDatabase database = TestDatabase.fresh();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

	@Autowired
	JdbcJobStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	private Connection runnerSession;

	private Connection nodeSession;

	@BeforeEach
	void sessions() throws SQLException {
		this.jdbc.execute("TRUNCATE queue_job CASCADE");
		this.runnerSession = session();
		this.nodeSession = session();
		lock(this.runnerSession, RunnerElection.LOCK_NAMESPACE, this.store.lockName());
	}

	@AfterEach
	void closeSessions() throws SQLException {
		this.runnerSession.close();
		this.nodeSession.close();
	}

	@Test
	void lateOutcomesOfARescuedTryChangeNothing() {
		ClaimedJob fenced = claimOne("fenced-node");
		assertThat(this.store.rescue(deadJob(fenced), runnerPid())).isEqualTo(JobState.PENDING);
		ClaimedJob rerun = claimOne("other-node");
		assertThat(rerun.id()).isEqualTo(fenced.id());

		Boolean done = this.transaction.execute((status) -> this.store.markDone(fenced, "late"));
		assertThat(done).isFalse();
		Set<Long> allDone = this.transaction
			.execute((status) -> this.store.markAllDone(List.of(fenced), List.of("late")));
		assertThat(allDone).isEmpty();
		assertThat(this.store.markFailed(fenced, "Late", "late", null)).isFalse();
		assertThat(this.store.markRetry(fenced, Instant.now(), fenced.retry(), "late", "Late", null)).isNull();
		assertThat(this.store.handBack(fenced, "stopped")).isFalse();
		assertThat(
				this.jdbc.queryForMap("SELECT state, worker, retry, result FROM queue_job WHERE id = ?", fenced.id()))
			.containsEntry("state", "started")
			.containsEntry("worker", "other-node")
			.containsEntry("retry", 2)
			.containsEntry("result", "Requeued: the node fenced-node that ran the job died");
	}

	@Test
	void runnerWhoseSessionNoLongerHoldsTheElectionLockRescuesNothing() throws SQLException {
		ClaimedJob job = claimOne("dead-node");
		int stalePid = runnerPid();
		this.runnerSession.close();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Integer.class,
					stalePid) == 0);
		assertThat(this.store.rescue(deadJob(job), stalePid)).isNull();
		assertThat(this.store.rescue(deadJob(job), this.nodeSession.unwrap(PGConnection.class).getBackendPID()))
			.isNull();
		assertThat(state(job)).isEqualTo("started");
	}

	@Test
	void nodeThatTookItsLockBackIsNotRescued() throws SQLException {
		ClaimedJob job = claimOne("returning-node");
		DeadJob seenDead = deadJob(job);
		lock(this.nodeSession, NodeLiveness.LOCK_NAMESPACE, "returning-node");
		assertThat(this.store.rescue(seenDead, runnerPid())).isNull();
		assertThat(state(job)).isEqualTo("started");
	}

	@Test
	void rescueOfAnEarlierTryChangesNothing() {
		ClaimedJob first = claimOne("node-a");
		assertThat(this.store.handBack(first, "stopped")).isTrue();
		this.jdbc.update("UPDATE queue_job SET retry = retry + 1 WHERE id = ?", first.id());
		ClaimedJob second = claimOne("node-a");
		assertThat(second.retry()).isEqualTo(first.retry() + 1);
		assertThat(this.store.rescue(deadJob(first), runnerPid())).isNull();
		assertThat(this.store.rescue(deadJob(second), runnerPid())).isEqualTo(JobState.PENDING);
	}

	@Test
	void roundLockIsTakenOnlyThroughTheSessionThatHoldsTheElectionLock() throws SQLException {
		int otherPid = this.nodeSession.unwrap(PGConnection.class).getBackendPID();
		assertThat(tryRoundLock(otherPid)).isFalse();
		assertThat(tryRoundLock(runnerPid())).isTrue();
		assertThat(tryRoundLock(0)).as("no election (no listener)").isTrue();
		String idleLimit = this.transaction.execute((status) -> {
			this.store.tryRoundLock(runnerPid(), Duration.ofSeconds(3));
			return this.jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class);
		});
		assertThat(idleLimit).isEqualTo("3s");
		assertThat(this.jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class))
			.as("set for the round's transaction only")
			.isEqualTo("0");
	}

	private boolean tryRoundLock(int leaderPid) {
		Boolean taken = this.transaction.execute((status) -> this.store.tryRoundLock(leaderPid, Duration.ZERO));
		return Boolean.TRUE.equals(taken);
	}

	private ClaimedJob claimOne(String worker) {
		if (this.jdbc.queryForObject("SELECT count(*) FROM queue_job", Integer.class) == 0) {
			this.store.insert(new NewJob(UUID.randomUUID(), null, JobState.PENDING, "root", 10, null, 5, "jobs.run",
					"[]", "fenced", null, null));
		}
		List<ClaimedJob> claimed = this.store.claim(1, worker);
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

	private static DeadJob deadJob(ClaimedJob job) {
		return new DeadJob(job.id(), job.uuid(), job.worker(), job.jobFunction(), job.channel(), job.description(),
				job.retry(), job.maxRetries());
	}

	private String state(ClaimedJob job) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE id = ?", String.class, job.id());
	}

	private int runnerPid() {
		try {
			return this.runnerSession.unwrap(PGConnection.class).getBackendPID();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Connection session() throws SQLException {
		return DriverManager.getConnection(database.url(), database.username(), database.password());
	}

	private static void lock(Connection session, int namespace, String key) throws SQLException {
		try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
			statement.setInt(1, namespace);
			statement.setString(2, key);
			statement.execute();
		}
	}

}
