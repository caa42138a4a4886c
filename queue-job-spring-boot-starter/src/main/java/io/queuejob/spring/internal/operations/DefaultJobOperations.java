package io.queuejob.spring.internal.operations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelNames;
import io.queuejob.core.channel.ChannelTree;
import io.queuejob.core.channel.InvalidChannelConfigException;
import io.queuejob.spring.internal.store.ChannelPauses;
import io.queuejob.spring.internal.store.EnqueueStore;
import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.QueueJobSchema;
import io.queuejob.spring.internal.store.RunnerStore;
import io.queuejob.spring.operations.ActionResult;
import io.queuejob.spring.operations.ChannelStatus;
import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.operations.JobCounts;
import io.queuejob.spring.operations.JobDetail;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobNotFoundException;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobPage;
import io.queuejob.spring.operations.JobQuery;
import io.queuejob.spring.operations.JobSummary;
import io.queuejob.spring.operations.NodeStatus;
import io.queuejob.spring.operations.TransitionRefusedException;
import io.queuejob.spring.operations.WaitingCounts;
import io.queuejob.spring.operations.WaitingReason;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link JobOperations} on JDBC: queries by {@link JobQueries}, nodes by
 * {@link NodeTable}, and every action as one guarded statement by {@link GuardedActions},
 * in a transaction on queue-job's data source.
 */
public final class DefaultJobOperations implements JobOperations {

	private static final int MAX_CHANNEL_LENGTH = 255;

	private final JobQueries queries;

	private final NodeTable nodes;

	private final GuardedActions actions;

	private final ChannelPauses pauses;

	private final WaitingReasons waiting;

	private final TransactionTemplate transaction;

	private final Supplier<Collection<ChannelConfig>> channels;

	private final Supplier<List<String>> functions;

	/**
	 * Create the operations.
	 * @param jdbc the JDBC template on queue-job's data source
	 * @param schema the schema of the queue-job tables
	 * @param store the store that notifies the runner
	 * @param transaction the transactions of the actions, on queue-job's data source
	 * @param channels the configured channels
	 * @param functions the names of the job functions
	 * @param runner the runner's store, which reads the channels' load for the reasons a
	 * job waits
	 */
	public DefaultJobOperations(NamedParameterJdbcTemplate jdbc, QueueJobSchema schema, EnqueueStore store,
			TransactionTemplate transaction, Supplier<Collection<ChannelConfig>> channels,
			Supplier<List<String>> functions, RunnerStore runner) {
		this.queries = new JobQueries(jdbc, schema.tablePrefix());
		this.nodes = new NodeTable(jdbc, schema.tablePrefix());
		this.actions = new GuardedActions(new ActionStatements(jdbc.getJdbcTemplate(), schema.tablePrefix()), store,
				new JobHistoryStore(jdbc.getJdbcTemplate(), schema));
		this.pauses = new ChannelPauses(jdbc.getJdbcTemplate(), schema);
		this.waiting = new WaitingReasons(jdbc.getJdbcTemplate(), schema, runner, ChannelTree.of(channels.get()),
				this::nodes);
		this.transaction = transaction;
		this.channels = channels;
		this.functions = functions;
	}

	@Override
	public JobPage list(JobQuery query) {
		JobCursor cursor = (query.cursor() != null) ? JobCursor.decode(query.cursor(), query.sort()) : null;
		List<JobSummaryRow> rows = this.queries.list(query.filter(), query.sort(), cursor, query.limit() + 1);
		boolean more = rows.size() > query.limit();
		List<JobSummaryRow> page = more ? rows.subList(0, query.limit()) : rows;
		String next = more ? JobCursor.after(query.sort(), page.get(page.size() - 1)).encode() : null;
		return new JobPage(page.stream().map(JobSummaryRow::summary).toList(), next);
	}

	@Override
	public JobCounts counts(JobFilter filter) {
		Map<JobState, Long> counted = this.queries.counts(filter, COUNT_CAP + 1);
		Map<JobState, Long> counts = new EnumMap<>(JobState.class);
		Set<JobState> capped = EnumSet.noneOf(JobState.class);
		for (JobState state : JobState.values()) {
			long count = counted.getOrDefault(state, 0L);
			if (count > COUNT_CAP) {
				capped.add(state);
				count = COUNT_CAP;
			}
			counts.put(state, count);
		}
		return new JobCounts(counts, capped);
	}

	@Override
	public JobDetail detail(UUID uuid) {
		JobQueries.DetailRow row = this.queries.detail(uuid);
		if (row == null) {
			throw new JobNotFoundException(uuid);
		}
		UUID graphUuid = row.summary().graphUuid();
		return new JobDetail(row.summary(), row.argsJson(), StoredResult.json(row.result()), row.excInfo(),
				row.dateEnqueued(), row.dateFailed(), row.dateCancelled(), row.execTimeMs(), row.identityKey(),
				this.queries.parents(uuid), this.queries.children(uuid),
				(graphUuid != null) ? this.queries.graph(graphUuid, MAX_GRAPH_NODES) : null, row.timeout(),
				row.dateDeadline(), row.schedule(), row.scheduledAt());
	}

	@Override
	public JobSummary performOne(JobAction action, UUID uuid) {
		ActionResult result = perform(action, List.of(uuid));
		if (!result.refused().isEmpty()) {
			ActionResult.Refusal refusal = result.refused().get(0);
			if (refusal.state() == null) {
				throw new JobNotFoundException(uuid);
			}
			throw new TransitionRefusedException(uuid, refusal.state(), action, refusal.reason());
		}
		JobSummary job = this.queries.summary(uuid);
		if (job == null) {
			throw new JobNotFoundException(uuid);
		}
		return job;
	}

	@Override
	public ActionResult perform(JobAction action, Collection<UUID> uuids) {
		Set<UUID> selection = new LinkedHashSet<>(uuids);
		if (selection.size() > MAX_SELECTION) {
			throw new InvalidJobQueryException("uuids",
					"uuids must list at most " + MAX_SELECTION + " jobs, got " + selection.size());
		}
		if (selection.isEmpty()) {
			return new ActionResult(List.of(), List.of());
		}
		return this.transaction.execute((status) -> this.actions.perform(action, selection));
	}

	@Override
	public List<ChannelStatus> channels() {
		Map<String, Map<JobState, Long>> counts = this.queries.channelCounts();
		Set<String> paused = new LinkedHashSet<>(this.pauses.paused());
		Map<String, ChannelConfig> all = new LinkedHashMap<>();
		for (ChannelConfig config : this.channels.get()) {
			all.put(config.name(), config);
		}
		Stream.concat(counts.keySet().stream(), paused.stream())
			.sorted()
			.forEach((name) -> all.putIfAbsent(name, new ChannelConfig(name, null, false, null)));
		List<ChannelStatus> channels = new ArrayList<>();
		all.forEach((name, config) -> {
			Map<JobState, Long> channel = counts.getOrDefault(name, Map.of());
			channels.add(new ChannelStatus(name, config.capacity(), config.sequential(), config.throttle(),
					channel.getOrDefault(JobState.WAIT_DEPENDENCIES, 0L), channel.getOrDefault(JobState.PENDING, 0L),
					channel.getOrDefault(JobState.ENQUEUED, 0L), channel.getOrDefault(JobState.STARTED, 0L),
					channel.getOrDefault(JobState.FAILED, 0L), paused.contains(name)));
		});
		return channels;
	}

	@Override
	public WaitingReason waitingReason(UUID uuid) {
		return this.waiting.explain(uuid);
	}

	@Override
	public WaitingCounts waitingCounts() {
		return this.waiting.count();
	}

	@Override
	public ChannelStatus pause(String channel) {
		String name = channelName(channel);
		this.transaction.executeWithoutResult((status) -> this.pauses.pause(name));
		return channel(name);
	}

	@Override
	public ChannelStatus resume(String channel) {
		String name = channelName(channel);
		this.transaction.executeWithoutResult((status) -> this.pauses.resume(name));
		return channel(name);
	}

	private ChannelStatus channel(String name) {
		return channels().stream()
			.filter((status) -> status.name().equals(name))
			.findFirst()
			.orElseGet(() -> new ChannelStatus(name, null, false, null, 0, 0, 0, 0, 0));
	}

	private static String channelName(String channel) {
		if (channel == null || channel.isBlank()) {
			throw new InvalidJobQueryException("channel", "channel must not be empty");
		}
		try {
			String name = ChannelNames.normalize(channel);
			if (name.length() > MAX_CHANNEL_LENGTH) {
				throw new InvalidJobQueryException("channel",
						"channel must be at most " + MAX_CHANNEL_LENGTH + " characters long");
			}
			return name;
		}
		catch (InvalidChannelConfigException ex) {
			throw new InvalidJobQueryException("channel", ex.getMessage());
		}
	}

	@Override
	public List<NodeStatus> nodes() {
		return this.nodes.seenWithin(NODE_SEEN_WITHIN);
	}

	@Override
	public List<String> functions() {
		return this.functions.get();
	}

}
