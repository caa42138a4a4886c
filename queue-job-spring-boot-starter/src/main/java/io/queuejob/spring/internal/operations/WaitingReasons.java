package io.queuejob.spring.internal.operations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.queuejob.core.JobState;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelLoad;
import io.queuejob.core.channel.ChannelTree;
import io.queuejob.core.channel.RecentStarts;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.RunnerStore;
import io.queuejob.spring.operations.NodeStatus;
import io.queuejob.spring.operations.WaitingCounts;
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

	private final String counts;

	private final String keyCounts;

	private final String occupied;

	private final String first;

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
		// one pass over the waiting jobs, grouped by channel; the reasons that hold a
		// whole channel back are applied to these counts in Java
		this.counts = """
				SELECT channel,
				       count(*) FILTER (WHERE state = 'wait_dependencies'),
				       count(*) FILTER (WHERE state = 'pending' AND eta > now()),
				       count(*) FILTER (WHERE state = 'pending' AND (eta IS NULL OR eta <= now()))
				FROM %s WHERE state IN ('pending', 'wait_dependencies') GROUP BY channel
				""".formatted(table);
		// the due jobs of the partition keys that run at some channel's limit
		this.keyCounts = """
				SELECT channel, partition_key, count(*) FROM %s
				WHERE state = 'pending' AND (eta IS NULL OR eta <= now()) AND partition_key = ANY (?)
				GROUP BY channel, partition_key
				""".formatted(table);
		// whether a sequential channel runs a job or holds a failed one
		this.occupied = """
				SELECT EXISTS (SELECT 1 FROM %s WHERE state IN ('enqueued', 'started', 'failed')
				               AND (channel = ? OR starts_with(channel, ? || '.')))
				""".formatted(table);
		// the first pending job of a channel, read from queue_job_pending_idx
		this.first = """
				SELECT id, priority, date_created, eta IS NULL OR eta <= now(), partition_key FROM %s
				WHERE state = 'pending' AND channel = ? ORDER BY priority, date_created, id LIMIT 1
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
		Map<String, Duration> rates = ChannelTree.ratePeriods(path);
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
					&& runningByKey(load, channel).getOrDefault(job.partitionKey(), 0) >= channel.perKey()) {
				return new WaitingReason(Kind.KEY_LIMIT, channel.name(), null, null,
						"Channel " + channel.name() + " runs " + channel.perKey() + " jobs of partition key '"
								+ job.partitionKey() + "', its limit per key.");
			}
		}
		ChannelConfig full = atCapacity(load, path);
		if (full != null) {
			return new WaitingReason(Kind.CAPACITY, full.name(), null, null,
					"Channel " + full.name() + " runs " + full.capacity() + " jobs, its capacity.");
		}
		ChannelConfig rated = atRate(load, path);
		if (rated != null) {
			RecentStarts recent = load.recentStarts().get(rated.name());
			return new WaitingReason(Kind.RATE, rated.name(), null, recent.windowFreesAt(), "Channel " + rated.name()
					+ " started " + rated.rate().starts() + " jobs within " + rated.rate().period() + ", its rate"
					+ ((recent.windowFreesAt() != null) ? "; the next may start at " + recent.windowFreesAt() : "")
					+ ".");
		}
		if (noWorkerFree()) {
			return new WaitingReason(Kind.NO_WORKER_FREE, null, null, null, "Every worker thread is busy.");
		}
		return new WaitingReason(Kind.NEXT_ROUND, null, null, null,
				"Nothing holds it back: it starts at the next round.");
	}

	/**
	 * How many jobs wait to run, per channel and reason, counted in bulk: one grouped
	 * pass over the waiting jobs, the load the runner reads for a round, then a few index
	 * probes per sequential channel and, when some partition key runs at its limit, one
	 * grouped read of the due jobs of those keys. The reasons that depend on a channel
	 * (paused, capacity, rate, busy workers) apply to all of its due jobs at once, in the
	 * order {@link #explain(UUID)} checks them, so each job is counted under the reason
	 * it would give. The statements read at slightly different instants, and the busy
	 * workers come from the nodes' last heartbeats: a count may be off by the jobs that
	 * moved meanwhile.
	 * @return the counts of every channel with waiting jobs
	 */
	public WaitingCounts count() {
		Instant now = Instant.now();
		Map<String, long[]> waiting = new LinkedHashMap<>();
		this.jdbc.query(this.counts, (ResultSet rs) -> {
			waiting.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) });
		});
		if (waiting.isEmpty()) {
			return new WaitingCounts(now, Map.of());
		}
		Collection<ChannelConfig> configured = this.tree.channels();
		List<ChannelConfig> sequential = configured.stream().filter(ChannelConfig::sequential).toList();
		Map<String, Duration> rates = ChannelTree.ratePeriods(configured);
		List<String> perKey = configured.stream()
			.filter((channel) -> channel.perKey() != null)
			.map(ChannelConfig::name)
			.toList();
		ChannelLoad load = this.store.load(sequential.stream().map(ChannelConfig::name).toList(), rates, perKey, now);
		Map<String, Set<String>> fullKeys = fullKeys(load, configured);
		Map<String, Map<String, Long>> dueOfFullKeys = dueOfKeys(fullKeys);
		Map<String, Head> heads = new HashMap<>();
		for (ChannelConfig channel : sequential) {
			heads.put(channel.name(), head(channel.name(), waiting.keySet()));
		}
		Boolean noWorkerFree = null;
		Map<String, Map<Kind, Long>> channels = new LinkedHashMap<>();
		for (Map.Entry<String, long[]> entry : waiting.entrySet()) {
			String name = entry.getKey();
			long[] count = entry.getValue();
			Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
			channels.put(name, kinds);
			add(kinds, Kind.PARENTS, count[0]);
			if (load.pausedBy(name) != null) {
				add(kinds, Kind.PAUSED, count[1] + count[2]);
				continue;
			}
			add(kinds, Kind.ETA, count[1]);
			List<ChannelConfig> path = this.tree.path(name);
			List<ChannelConfig> sequentialPath = path.stream().filter(ChannelConfig::sequential).toList();
			long free;
			if (!sequentialPath.isEmpty()) {
				// a due job goes on only when it is the first job of each sequential
				// channel of its path
				Head head = heads.get(sequentialPath.get(0).name());
				boolean first = head != null && head.due() && head.channel().equals(name)
						&& sequentialPath.stream().allMatch((channel) -> head.equals(heads.get(channel.name())));
				free = first ? 1 : 0;
				add(kinds, Kind.SEQUENTIAL, count[2] - free);
				if (first && head.partitionKey() != null && heldByKey(path, fullKeys, head.partitionKey())) {
					add(kinds, Kind.KEY_LIMIT, 1);
					free = 0;
				}
			}
			else {
				long limited = 0;
				for (Map.Entry<String, Long> key : dueOfFullKeys.getOrDefault(name, Map.of()).entrySet()) {
					if (heldByKey(path, fullKeys, key.getKey())) {
						limited += key.getValue();
					}
				}
				add(kinds, Kind.KEY_LIMIT, limited);
				free = count[2] - limited;
			}
			if (free <= 0) {
				continue;
			}
			if (atCapacity(load, path) != null) {
				add(kinds, Kind.CAPACITY, free);
			}
			else if (atRate(load, path) != null) {
				add(kinds, Kind.RATE, free);
			}
			else {
				if (noWorkerFree == null) {
					noWorkerFree = noWorkerFree();
				}
				add(kinds, noWorkerFree ? Kind.NO_WORKER_FREE : Kind.NEXT_ROUND, free);
			}
		}
		return new WaitingCounts(now, channels);
	}

	private static void add(Map<Kind, Long> kinds, Kind kind, long count) {
		if (count > 0) {
			kinds.merge(kind, count, Long::sum);
		}
	}

	/**
	 * The partition keys that run at the limit of each channel limited per key.
	 */
	private Map<String, Set<String>> fullKeys(ChannelLoad load, Collection<ChannelConfig> configured) {
		Map<String, Set<String>> full = new HashMap<>();
		for (ChannelConfig channel : configured) {
			if (channel.perKey() == null) {
				continue;
			}
			runningByKey(load, channel).forEach((key, count) -> {
				if (count >= channel.perKey()) {
					full.computeIfAbsent(channel.name(), (name) -> new HashSet<>()).add(key);
				}
			});
		}
		return full;
	}

	private Map<String, Map<String, Long>> dueOfKeys(Map<String, Set<String>> fullKeys) {
		Map<String, Map<String, Long>> due = new HashMap<>();
		if (fullKeys.isEmpty()) {
			return due;
		}
		String[] keys = fullKeys.values().stream().flatMap(Set::stream).distinct().toArray(String[]::new);
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(this.keyCounts);
			statement.setArray(1, connection.createArrayOf("text", keys));
			return statement;
		}, (ResultSet rs) -> {
			due.computeIfAbsent(rs.getString(1), (channel) -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
		});
		return due;
	}

	private static boolean heldByKey(List<ChannelConfig> path, Map<String, Set<String>> fullKeys, String partitionKey) {
		return path.stream()
			.anyMatch((channel) -> fullKeys.getOrDefault(channel.name(), Set.of()).contains(partitionKey));
	}

	/**
	 * The job a sequential channel runs first: {@link Head#OCCUPIED} when one of its jobs
	 * runs or failed, else its first pending job, or {@code null} when it has none.
	 */
	private Head head(String sequential, Collection<String> waitingChannels) {
		if (Boolean.TRUE.equals(this.jdbc.queryForObject(this.occupied, Boolean.class, sequential, sequential))) {
			return Head.OCCUPIED;
		}
		Head head = null;
		for (String channel : waitingChannels) {
			if (!channel.equals(sequential) && !channel.startsWith(sequential + ".")) {
				continue;
			}
			List<Head> first = this.jdbc.query(this.first, (rs, row) -> new Head(rs.getLong(1), rs.getInt(2),
					rs.getTimestamp(3), rs.getBoolean(4), rs.getString(5), channel), channel);
			if (!first.isEmpty() && (head == null || first.get(0).before(head))) {
				head = first.get(0);
			}
		}
		return head;
	}

	private ChannelConfig atCapacity(ChannelLoad load, List<ChannelConfig> path) {
		for (ChannelConfig channel : path) {
			if (channel.capacity() != null && running(load, channel) >= channel.capacity()) {
				return channel;
			}
		}
		return null;
	}

	private ChannelConfig atRate(ChannelLoad load, List<ChannelConfig> path) {
		for (ChannelConfig channel : path) {
			RecentStarts recent = load.recentStarts().getOrDefault(channel.name(), RecentStarts.NONE);
			if (channel.rate() != null && recent.count() >= channel.rate().starts()) {
				return channel;
			}
		}
		return null;
	}

	private boolean noWorkerFree() {
		List<NodeStatus> workers = this.nodes.get().stream().filter((node) -> node.workerThreads() > 0).toList();
		return !workers.isEmpty() && workers.stream().allMatch((node) -> node.busyThreads() >= node.workerThreads());
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

	/**
	 * How many jobs of each partition key run in a channel and its sub-channels.
	 */
	private Map<String, Integer> runningByKey(ChannelLoad load, ChannelConfig channel) {
		Map<String, Integer> running = new HashMap<>();
		load.runningByKey().forEach((stored, keys) -> {
			if (this.tree.path(stored).contains(channel)) {
				keys.forEach((key, count) -> running.merge(key, count, Integer::sum));
			}
		});
		return running;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * The first job of a sequential channel.
	 */
	private record Head(long id, int priority, Timestamp created, boolean due, String partitionKey, String channel) {

		static final Head OCCUPIED = new Head(-1, 0, null, false, null, "");

		boolean before(Head other) {
			if (this.priority != other.priority) {
				return this.priority < other.priority;
			}
			int created = this.created.compareTo(other.created);
			return (created != 0) ? created < 0 : this.id < other.id;
		}

	}

	private record Job(long id, JobState state, String channel, int priority, Timestamp created, Instant eta,
			Instant now, String partitionKey) {

	}

}
