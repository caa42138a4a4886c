package io.queuejob.spring.internal.operations;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.operations.NodeStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps this node's row in {@code queue_job_node}: a heartbeat writes it (whether the
 * node runs the runner, its worker threads and how many are busy) at every poll interval;
 * the first beat and then one beat about every hour also delete the rows of nodes not
 * seen for a day; a clean stop deletes it.
 */
public final class NodeRegistry implements SmartLifecycle {

	/**
	 * The lifecycle phase: started after the listener, before the workers; stopped after
	 * the workers ended.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2000;

	/** About how often the heartbeat deletes the rows of nodes gone for a day. */
	static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);

	private static final Log logger = LogFactory.getLog(NodeRegistry.class);

	private final NodeTable table;

	private final String name;

	private final Duration interval;

	private final BooleanSupplier runner;

	private final int workerThreads;

	private final IntSupplier busyThreads;

	private final long beatsPerExpiry;

	/** The beats since the last expiry; the heartbeat's thread only. */
	private long beatsSinceExpiry;

	private volatile boolean running;

	private boolean failing;

	private ScheduledExecutorService heartbeat;

	/**
	 * Create the registry of this node.
	 * @param jdbc the JDBC template on queue-job's data source
	 * @param schema the schema of the queue-job tables
	 * @param settings the node's name, its heartbeat interval and worker threads
	 * @param runner whether this node runs the runner now
	 * @param busyThreads how many jobs this node runs now
	 */
	public NodeRegistry(NamedParameterJdbcTemplate jdbc, QueueJobSchema schema, Settings settings,
			BooleanSupplier runner, IntSupplier busyThreads) {
		this.table = new NodeTable(jdbc, schema.tablePrefix());
		this.name = settings.name();
		this.interval = settings.interval();
		this.runner = runner;
		this.workerThreads = settings.workerThreads();
		this.busyThreads = busyThreads;
		this.beatsPerExpiry = Math.max(1, EXPIRY_INTERVAL.toMillis() / Math.max(1, this.interval.toMillis()));
	}

	/**
	 * This node's name.
	 * @return the name of its row
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Write this node's row now, and delete the rows of nodes not seen for a day.
	 */
	public void beat() {
		record();
		this.table.deleteStale();
	}

	private void record() {
		this.table.heartbeat(new NodeStatus(this.name, this.runner.getAsBoolean(), this.workerThreads,
				this.busyThreads.getAsInt(), null, null));
	}

	/**
	 * A scheduled beat: the row at every beat, the expiry at the first one and then every
	 * {@link #beatsPerExpiry} beats (retried at the next beat if it fails).
	 */
	private void beatQuietly() {
		try {
			if (this.beatsSinceExpiry == 0) {
				beat();
			}
			else {
				record();
			}
			this.beatsSinceExpiry = (this.beatsSinceExpiry + 1) % this.beatsPerExpiry;
			this.failing = false;
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				logger.warn("queue-job could not record the heartbeat of node " + this.name + "; retrying", ex);
			}
			this.failing = true;
		}
	}

	@Override
	public void start() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("queue-job-heartbeat-");
		threads.setDaemon(true);
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(threads);
		this.heartbeat.scheduleWithFixedDelay(this::beatQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.heartbeat == null) {
			return;
		}
		// The row goes in the heartbeat's thread, after a beat under way; a node whose
		// database does not answer stops after a short wait, not the pool's timeout.
		this.heartbeat.execute(this::removeQuietly);
		this.heartbeat.shutdown();
		try {
			if (!this.heartbeat.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("queue-job gave up removing the row of node " + this.name + "; it expires in a day");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void removeQuietly() {
		try {
			this.table.remove(this.name);
		}
		catch (RuntimeException ex) {
			logger.warn("queue-job could not remove the row of node " + this.name + "; it expires in a day", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * The plain settings of the registry.
	 *
	 * @param name the node's name, as stored on the jobs it runs
	 * @param interval how often the heartbeat writes
	 * @param workerThreads how many jobs this node runs at once; 0 without workers
	 */
	public record Settings(String name, Duration interval, int workerThreads) {

		public Settings {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(interval, "interval");
		}

	}

}
