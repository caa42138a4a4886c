package io.queuejob.spring.internal.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.queuejob.core.JobState;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cases every {@link JobStores} implementation must pass, whatever its claim mode:
 * the order of claims, the outcomes guarded by the worker's try (a late outcome of a
 * rescued try changes nothing), the rescue's guards (the dead node's lock still free, the
 * rescuing runner's session still holding the election lock), the round lock, and the
 * hand-backs. Sessions are plain connections that take the locks as the listener does. A
 * subclass gives the stores and its claim mode's own cases.
 */
abstract class JobStoresContractTests {

	private final TestDatabase database;

	protected final JobStores stores;

	protected final JdbcTemplate jdbc;

	protected final TransactionTemplate transaction;

	private Connection runnerSession;

	private Connection nodeSession;

	JobStoresContractTests(TestDatabase database, boolean directClaims) {
		this.database = database;
		DataSource dataSource = database.dataSource();
		new QueueJobSchemaMigration(dataSource).migrate();
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.stores = JdbcJobStores.create(this.jdbc, QueueJobSchema.CURRENT, directClaims);
	}

	@BeforeEach
	void sessions() throws SQLException {
		this.jdbc.execute("TRUNCATE queue_job CASCADE");
		this.runnerSession = session();
		this.nodeSession = session();
		lock(this.runnerSession, RunnerElection.LOCK_NAMESPACE, this.stores.lockName());
	}

	@AfterEach
	void closeSessions() throws SQLException {
		this.runnerSession.close();
		this.nodeSession.close();
	}

	@Test
	void claimTakesEnqueuedJobsInTheOrderTheyRun() {
		long older = insert(job("older", 10, null));
		long urgent = insert(job("urgent", 5, null));
		long newer = insert(job("newer", 10, null));
		assertThat(this.stores.runner().enqueue(List.of(older, urgent, newer))).isEqualTo(3);
		assertThat(this.stores.workers().claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(urgent);
		assertThat(this.stores.workers().claim(1, "node-a")).extracting(ClaimedJob::id).containsExactly(older);
		assertThat(this.stores.workers().claim(5, "node-a")).extracting(ClaimedJob::id).containsExactly(newer);
		assertThat(this.stores.workers().claim(5, "node-a")).isEmpty();
	}

	@Test
	void countEnqueuedCountsEnqueuedJobsOnlyUpToTheCap() {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(insert(job("enqueued", 10, null)));
		}
		insert(job("pending", 10, Instant.now().plus(Duration.ofHours(1))));
		this.stores.runner().enqueue(ids);
		assertThat(this.stores.runner().countEnqueued(10)).isEqualTo(3);
		assertThat(this.stores.runner().countEnqueued(2)).isEqualTo(2);
		this.stores.workers().claim(1, "node-a");
		assertThat(this.stores.runner().countEnqueued(10)).isEqualTo(2);
	}

	@Test
	void outcomesOfTheWorkersTryAreWritten() {
		List<ClaimedJob> claimed = claim(4);
		WorkerStore workers = this.stores.workers();
		Boolean done = this.transaction.execute((status) -> workers.markDone(claimed.get(0), "ok"));
		assertThat(done).isTrue();
		assertThat(workers.markFailed(claimed.get(1), "Boom", "boom", "trace")).isTrue();
		Instant eta = Instant.now().plus(Duration.ofHours(1));
		assertThat(workers.markRetry(claimed.get(2), eta, 1, "again", "Flaky", null)).isEqualTo(JobState.PENDING);
		assertThat(workers.handBack(claimed.get(3), "stopped before the job started")).isTrue();
		assertThat(this.jdbc.queryForList("SELECT state FROM queue_job ORDER BY id", String.class))
			.containsExactly("done", "failed", "pending", "pending");
		assertThat(row(claimed.get(3))).containsEntry("retry", 0)
			.containsEntry("worker", null)
			.containsEntry("result", "Handed back: the node node-a stopped before the job started");
	}

	@Test
	void markAllDoneWritesEveryJobOfItsTryAndSkipsTheOthers() {
		List<ClaimedJob> claimed = claim(3);
		ClaimedJob other = claimed.get(2);
		ClaimedJob wrongTry = new ClaimedJob(other.id(), other.uuid(), other.jobFunction(), other.argumentsJson(),
				other.channel(), other.retry() + 1, other.maxRetries(), other.worker(), other.description());
		List<ClaimedJob> outcome = List.of(claimed.get(0), claimed.get(1), wrongTry);
		Set<Long> done = this.transaction
			.execute((status) -> this.stores.workers().markAllDone(outcome, Arrays.asList("one", null, "three")));
		assertThat(done).containsExactlyInAnyOrder(claimed.get(0).id(), claimed.get(1).id());
		assertThat(this.jdbc.queryForList("SELECT state FROM queue_job ORDER BY id", String.class))
			.containsExactly("done", "done", "started");
		assertThat(row(claimed.get(0))).containsEntry("result", "one");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE exec_time_ms IS NOT NULL",
				Integer.class))
			.isEqualTo(2);
	}

	@Test
	void markAllDoneReleasesAChildOnceAllItsParentsAreDone() {
		List<ClaimedJob> parents = claim(2);
		long child = childOf(parents);
		this.transaction
			.execute((status) -> this.stores.workers().markAllDone(List.of(parents.get(0)), Arrays.asList("a")));
		assertThat(state(child)).isEqualTo("wait_dependencies");
		this.transaction
			.execute((status) -> this.stores.workers().markAllDone(List.of(parents.get(1)), Arrays.asList("b")));
		assertThat(state(child)).isEqualTo("pending");
	}

	@Test
	void markAllDoneOfBothParentsInOneBatchReleasesTheChild() {
		List<ClaimedJob> parents = claim(2);
		long child = childOf(parents);
		Set<Long> done = this.transaction
			.execute((status) -> this.stores.workers().markAllDone(parents, Arrays.asList("a", "b")));
		assertThat(done).hasSize(2);
		assertThat(state(child)).isEqualTo("pending");
	}

	@Test
	void markDoneOfTheLastParentReleasesTheChild() {
		List<ClaimedJob> parents = claim(2);
		long child = childOf(parents);
		this.transaction.execute((status) -> this.stores.workers().markDone(parents.get(0), null));
		assertThat(state(child)).isEqualTo("wait_dependencies");
		this.transaction.execute((status) -> this.stores.workers().markDone(parents.get(1), null));
		assertThat(state(child)).isEqualTo("pending");
	}

	@Test
	void lateOutcomesOfARescuedTryChangeNothing() {
		ClaimedJob fenced = claimOne("fenced-node");
		assertThat(this.stores.rescue().rescue(deadJob(fenced), runnerPid())).isEqualTo(JobState.PENDING);
		ClaimedJob rerun = claimOne("other-node");
		assertThat(rerun.id()).isEqualTo(fenced.id());

		WorkerStore workers = this.stores.workers();
		Boolean done = this.transaction.execute((status) -> workers.markDone(fenced, "late"));
		assertThat(done).isFalse();
		Set<Long> allDone = this.transaction.execute((status) -> workers.markAllDone(List.of(fenced), List.of("late")));
		assertThat(allDone).isEmpty();
		assertThat(workers.markFailed(fenced, "Late", "late", null)).isFalse();
		assertThat(workers.markRetry(fenced, Instant.now(), fenced.retry(), "late", "Late", null)).isNull();
		assertThat(workers.handBack(fenced, "stopped")).isFalse();
		assertThat(row(fenced)).containsEntry("state", "started")
			.containsEntry("worker", "other-node")
			.containsEntry("retry", 2)
			.containsEntry("result", "Requeued: the node fenced-node that ran the job died");
	}

	@Test
	void startedJobsOfNodesWithoutTheirLockAreFound() {
		ClaimedJob job = claimOne("dead-node");
		assertThat(this.stores.rescue().startedByNodesWithoutLock(NodeLiveness.LOCK_NAMESPACE))
			.containsExactly(deadJob(job));
		lock(this.nodeSession, NodeLiveness.LOCK_NAMESPACE, "dead-node");
		assertThat(this.stores.rescue().startedByNodesWithoutLock(NodeLiveness.LOCK_NAMESPACE)).isEmpty();
	}

	@Test
	void runnerWhoseSessionNoLongerHoldsTheElectionLockRescuesNothing() throws SQLException {
		ClaimedJob job = claimOne("dead-node");
		int stalePid = runnerPid();
		this.runnerSession.close();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Integer.class,
					stalePid) == 0);
		assertThat(this.stores.rescue().rescue(deadJob(job), stalePid)).isNull();
		assertThat(this.stores.rescue().rescue(deadJob(job), pid(this.nodeSession))).isNull();
		assertThat(state(job.id())).isEqualTo("started");
	}

	@Test
	void nodeThatTookItsLockBackIsNotRescued() {
		ClaimedJob job = claimOne("returning-node");
		DeadJob seenDead = deadJob(job);
		lock(this.nodeSession, NodeLiveness.LOCK_NAMESPACE, "returning-node");
		assertThat(this.stores.rescue().rescue(seenDead, runnerPid())).isNull();
		assertThat(state(job.id())).isEqualTo("started");
	}

	@Test
	void rescueOfAnEarlierTryChangesNothing() {
		ClaimedJob first = claimOne("node-a");
		assertThat(this.stores.workers().handBack(first, "stopped")).isTrue();
		this.jdbc.update("UPDATE queue_job SET retry = retry + 1 WHERE id = ?", first.id());
		ClaimedJob second = claimOne("node-a");
		assertThat(second.retry()).isEqualTo(first.retry() + 1);
		assertThat(this.stores.rescue().rescue(deadJob(first), runnerPid())).isNull();
		assertThat(this.stores.rescue().rescue(deadJob(second), runnerPid())).isEqualTo(JobState.PENDING);
	}

	@Test
	void rescueOfAJobWithoutTriesLeftFailsIt() {
		ClaimedJob job = claimOne("dead-node");
		this.jdbc.update("UPDATE queue_job SET max_retries = retry WHERE id = ?", job.id());
		assertThat(this.stores.rescue().rescue(deadJob(job), runnerPid())).isEqualTo(JobState.FAILED);
		assertThat(row(job)).containsEntry("state", "failed").containsEntry("exc_name", "JobFoundDead");
	}

	@Test
	void roundLockIsTakenOnlyThroughTheSessionThatHoldsTheElectionLock() {
		assertThat(tryRoundLock(pid(this.nodeSession))).isFalse();
		assertThat(tryRoundLock(runnerPid())).isTrue();
		assertThat(tryRoundLock(0)).as("no election (no listener)").isTrue();
		String idleLimit = this.transaction.execute((status) -> {
			this.stores.runner().tryRoundLock(runnerPid(), Duration.ofSeconds(3));
			return this.jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class);
		});
		assertThat(idleLimit).isEqualTo("3s");
		assertThat(this.jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class))
			.as("set for the round's transaction only")
			.isEqualTo("0");
	}

	@Test
	void handBackUnknownClaimsHandsBackOnlyTheJobsTheWorkerDoesNotRun() {
		List<ClaimedJob> claimed = claim(2);
		assertThat(this.stores.workers().handBackUnknownClaims("node-a", List.of(claimed.get(0).id()))).isOne();
		assertThat(state(claimed.get(0).id())).isEqualTo("started");
		assertThat(row(claimed.get(1))).containsEntry("state", "pending")
			.containsEntry("retry", 0)
			.containsEntry("result", "Handed back: claimed by node-a, whose claim was lost with its connection");
	}

	protected long insert(NewJob job) {
		return this.stores.enqueue().insert(job);
	}

	protected static NewJob job(String description, int priority, Instant eta) {
		return job(description, "root", priority, eta);
	}

	protected static NewJob job(String description, String channel, int priority, Instant eta) {
		return new NewJob(UUID.randomUUID(), null, JobState.PENDING, channel, priority, eta, 5, "jobs.run", "[]",
				description, null, null);
	}

	protected String state(long id) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE id = ?", String.class, id);
	}

	private Map<String, Object> row(ClaimedJob job) {
		return this.jdbc.queryForMap("SELECT * FROM queue_job WHERE id = ?", job.id());
	}

	/**
	 * Insert, enqueue and claim jobs, in id order.
	 */
	private List<ClaimedJob> claim(int count) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(insert(job("job " + i, 10, null)));
		}
		assertThat(this.stores.runner().enqueue(ids)).isEqualTo(count);
		List<ClaimedJob> claimed = new ArrayList<>(this.stores.workers().claim(count, "node-a"));
		claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
		assertThat(claimed).hasSize(count);
		return claimed;
	}

	/**
	 * Claim the one job of the table (inserted when there is none), enqueued first.
	 */
	private ClaimedJob claimOne(String worker) {
		if (this.jdbc.queryForObject("SELECT count(*) FROM queue_job", Integer.class) == 0) {
			insert(job("fenced", 10, null));
		}
		this.stores.runner()
			.enqueue(this.jdbc.queryForList("SELECT id FROM queue_job WHERE state = 'pending'", Long.class));
		List<ClaimedJob> claimed = this.stores.workers().claim(1, worker);
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

	private long childOf(List<ClaimedJob> parents) {
		long child = insert(new NewJob(UUID.randomUUID(), null, JobState.WAIT_DEPENDENCIES, "root", 10, null, 5,
				"jobs.run", "[]", "child", null, null));
		parents.forEach((parent) -> this.stores.enqueue().insertDependency(parent.id(), child));
		return child;
	}

	private static DeadJob deadJob(ClaimedJob job) {
		return new DeadJob(job.id(), job.uuid(), job.worker(), job.jobFunction(), job.channel(), job.description(),
				job.retry(), job.maxRetries());
	}

	private boolean tryRoundLock(int leaderPid) {
		Boolean taken = this.transaction
			.execute((status) -> this.stores.runner().tryRoundLock(leaderPid, Duration.ZERO));
		return Boolean.TRUE.equals(taken);
	}

	private int runnerPid() {
		return pid(this.runnerSession);
	}

	private static int pid(Connection session) {
		try {
			return session.unwrap(PGConnection.class).getBackendPID();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Connection session() throws SQLException {
		return DriverManager.getConnection(this.database.url(), this.database.username(), this.database.password());
	}

	private static void lock(Connection session, int namespace, String key) {
		try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
			statement.setInt(1, namespace);
			statement.setString(2, key);
			statement.execute();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
