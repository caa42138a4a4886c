package io.queuejob.spring.internal.operations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.queuejob.core.JobState;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelLoad;
import io.queuejob.core.channel.ChannelTree;
import io.queuejob.core.channel.RecentStarts;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.RunnerStore;
import io.queuejob.spring.operations.NodeStatus;
import io.queuejob.spring.operations.WaitingReason;
import io.queuejob.spring.operations.WaitingReason.Kind;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells why a waiting job has not started, when asked: it reads what the runner reads for
 * a round (the channels' load, the paused channels, the recent starts) and the job's own
 * situation, so that the runner's rounds pay nothing for it.
 */
public final class WaitingReasons {

	private final JdbcTemplate jdbc;

	private final RunnerStore store;

	private final ChannelTree tree;

	private final Supplier<List<NodeStatus>> nodes;

	private final String job;

	private final String parent;

	private final String predecessor;

	/**
	 * Create the reasons of one queue-job installation.
	 * @param jdbc the JDBC template on queue-job's data source
	 * @param schema the schema of the queue-job tables
	 * @param store the runner's store, which reads the channels' load
	 * @param tree the configured channels
	 * @param nodes the nodes seen lately
	 */
	public WaitingReasons(JdbcTemplate jdbc, QueueJobSchema schema, RunnerStore store, ChannelTree tree,
			Supplier<List<NodeStatus>> nodes) {
		this.jdbc = jdbc;
		this.store = store;
		this.tree = tree;
		this.nodes = nodes;
		String table = schema.tablePrefix() + "queue_job";
		this.job = """
				SELECT id, state, channel, priority, date_created, eta, clock_timestamp(), partition_key FROM %s
				WHERE uuid = ?
				""".formatted(table);
		this.parent = """
				SELECT p.uuid FROM %squeue_job_dependency d JOIN %s p ON p.id = d.parent_id
				WHERE d.child_id = ? AND p.state <> 'done' ORDER BY p.id LIMIT 1
				""".formatted(schema.tablePrefix(), table);
		// a job running or failed in the sequential channel blocks it; else the first
		// pending job ahead in the order
		this.predecessor = """
				SELECT uuid FROM %s
				WHERE (channel = ? OR starts_with(channel, ? || '.'))
				  AND (state IN ('enqueued', 'started', 'failed')
				       OR (state = 'pending' AND (priority, date_created, id) < (?, ?, ?)))
				ORDER BY state = 'pending', priority, date_created, id LIMIT 1
				""".formatted(table);
	}

	/**
	 * Why a job waits.
	 * @param uuid the job
	 * @return the reason, or {@code null} when the job does not wait to run (it is not
	 * {@code pending} or {@code wait_dependencies}, or does not exist)
	 */
	public WaitingReason explain(UUID uuid) {
		List<Job> found = this.jdbc.query(this.job,
				(rs, row) -> new Job(rs.getLong(1), JobState.fromDbValue(rs.getString(2)), rs.getString(3),
						rs.getInt(4), rs.getTimestamp(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
						rs.getString(8)),
				uuid);
		if (found.isEmpty()) {
			return null;
		}
		Job job = found.get(0);
		if (job.state() == JobState.WAIT_DEPENDENCIES) {
			UUID parent = this.jdbc.query(this.parent, (rs) -> rs.next() ? rs.getObject(1, UUID.class) : null,
					job.id());
			// its last parent may have just been done: the same statement releases it
			String message = (parent != null) ? "Waits for its parent " + parent + "." : "Its parents are done.";
			return new WaitingReason(Kind.PARENTS, null, parent, null, message);
		}
		if (job.state() != JobState.PENDING) {
			return null;
		}
		return pending(job);
	}

	private WaitingReason pending(Job job) {
		List<ChannelConfig> path = this.tree.path(job.channel());
		List<String> sequential = path.stream().filter(ChannelConfig::sequential).map(ChannelConfig::name).toList();
		Map<String, Duration> rates = path.stream()
			.filter((channel) -> channel.rate() != null)
			.collect(Collectors.toMap(ChannelConfig::name, (channel) -> channel.rate().period()));
		List<String> perKey = (job.partitionKey() != null)
				? path.stream().filter((channel) -> channel.perKey() != null).map(ChannelConfig::name).toList()
				: List.of();
		ChannelLoad load = this.store.load(sequential, rates, perKey, job.now());
		String paused = load.pausedBy(job.channel());
		if (paused != null) {
			return new WaitingReason(Kind.PAUSED, paused, null, null, "Channel " + paused + " is paused.");
		}
		if (job.eta() != null && job.eta().isAfter(job.now())) {
			return new WaitingReason(Kind.ETA, null, null, job.eta(), "Its eta is " + job.eta() + ".");
		}
		for (String channel : sequential) {
			UUID before = this.jdbc.query(this.predecessor, (rs) -> rs.next() ? rs.getObject(1, UUID.class) : null,
					channel, channel, job.priority(), job.created(), job.id());
			if (before != null) {
				return new WaitingReason(Kind.SEQUENTIAL, channel, before, null,
						"Sequential channel " + channel + " runs job " + before + " first.");
			}
		}
		for (ChannelConfig channel : path) {
			if (channel.perKey() != null && job.partitionKey() != null
					&& runningOfKey(load, channel, job.partitionKey()) >= channel.perKey()) {
				return new WaitingReason(Kind.KEY_LIMIT, channel.name(), null, null,
						"Channel " + channel.name() + " runs " + channel.perKey() + " jobs of partition key '"
								+ job.partitionKey() + "', its limit per key.");
			}
		}
		for (ChannelConfig channel : path) {
			if (channel.capacity() != null && running(load, channel) >= channel.capacity()) {
				return new WaitingReason(Kind.CAPACITY, channel.name(), null, null,
						"Channel " + channel.name() + " runs " + channel.capacity() + " jobs, its capacity.");
			}
		}
		for (ChannelConfig channel : path) {
			RecentStarts recent = load.recentStarts().getOrDefault(channel.name(), RecentStarts.NONE);
			if (channel.rate() != null && recent.count() >= channel.rate().starts()) {
				return new WaitingReason(Kind.RATE, channel.name(), null, recent.windowFreesAt(), "Channel "
						+ channel.name() + " started " + channel.rate().starts() + " jobs within "
						+ channel.rate().period() + ", its rate"
						+ ((recent.windowFreesAt() != null) ? "; the next may start at " + recent.windowFreesAt() : "")
						+ ".");
			}
		}
		List<NodeStatus> workers = this.nodes.get().stream().filter((node) -> node.workerThreads() > 0).toList();
		if (!workers.isEmpty() && workers.stream().allMatch((node) -> node.busyThreads() >= node.workerThreads())) {
			return new WaitingReason(Kind.NO_WORKER_FREE, null, null, null, "Every worker thread is busy.");
		}
		return new WaitingReason(Kind.NEXT_ROUND, null, null, null,
				"Nothing holds it back: it starts at the next round.");
	}

	private int running(ChannelLoad load, ChannelConfig channel) {
		int running = 0;
		for (Map.Entry<String, Integer> entry : load.running().entrySet()) {
			if (this.tree.path(entry.getKey()).contains(channel)) {
				running += entry.getValue();
			}
		}
		return running;
	}

	private int runningOfKey(ChannelLoad load, ChannelConfig channel, String partitionKey) {
		int running = 0;
		for (Map.Entry<String, Map<String, Integer>> entry : load.runningByKey().entrySet()) {
			if (this.tree.path(entry.getKey()).contains(channel)) {
				running += entry.getValue().getOrDefault(partitionKey, 0);
			}
		}
		return running;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Job(long id, JobState state, String channel, int priority, Timestamp created, Instant eta,
			Instant now, String partitionKey) {

	}

}
