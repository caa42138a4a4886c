package io.queuejob.spring.operations;

import java.time.Duration;
import java.time.Instant;
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

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.core.StorageLimits;
import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.spring.store.EnqueueStore;
import io.queuejob.spring.store.JdbcJobStores;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operating jobs: lists with filters and keyset paging, capped counts per state, a job in
 * full with its graph, the user actions requeue, cancel and set done on one job or a
 * selection, and the overview of channels, nodes and job functions. The REST API and the
 * dashboard are built on it; inject it to operate jobs from your own code.
 * <p>
 * Every action is one guarded SQL statement for one job or many, allowed from the states
 * {@link JobAction} names: the jobs are first locked and their states checked, so each
 * one is either changed or refused with its state and the reason, and a transition that
 * happened meanwhile is never overwritten. After a successful action the runner is
 * notified when the transaction commits. It needs JDBC only, not JPA.
 */
public final class JobOperations {

	/** The most jobs a page holds, also the REST API's {@code limit}. */
	public static final int MAX_PAGE_SIZE = 200;

	/** The most jobs one action takes, also the REST API's selection. */
	public static final int MAX_SELECTION = 1000;

	/** The most characters of a filter's text. */
	public static final int MAX_TEXT = 200;

	/**
	 * The most characters of a filter's channel or job function, the length of their
	 * columns.
	 */
	public static final int MAX_NAME = StorageLimits.MAX_NAME_LENGTH;

	/**
	 * The earliest instant of a filter or cursor, the first one of PostgreSQL's
	 * {@code timestamptz} (4714-11-24 BC).
	 */
	public static final Instant MIN_INSTANT = StorageLimits.MIN_INSTANT;

	/**
	 * The latest instant of a filter or cursor, the last one of PostgreSQL's
	 * {@code timestamptz}.
	 */
	public static final Instant MAX_INSTANT = StorageLimits.MAX_INSTANT;

	/** The most jobs counted per state; beyond, the state is reported as capped. */
	public static final int COUNT_CAP = 10_000;

	/** The most jobs a graph view holds. */
	public static final int MAX_GRAPH_NODES = 1000;

	/** How long ago a node was last seen, at most, to be listed. */
	public static final Duration NODE_SEEN_WITHIN = Duration.ofMinutes(10);

	private final JobQueries queries;

	private final NodeTable nodes;

	private final GuardedActions actions;

	private final TransactionTemplate transaction;

	private final Supplier<Collection<ChannelConfig>> channels;

	private final Supplier<List<String>> functions;

	/**
	 * Create the operations.
	 * @param jdbc the JDBC template on queue-job's data source
	 * @param schema the schema of the queue-job tables, or {@code null} for the
	 * connection's current schema
	 * @param store the store that notifies the runner
	 * @param transaction the transactions of the actions, on queue-job's data source
	 * @param channels the configured channels
	 * @param functions the names of the job functions
	 */
	public JobOperations(NamedParameterJdbcTemplate jdbc, String schema, EnqueueStore store,
			TransactionTemplate transaction, Supplier<Collection<ChannelConfig>> channels,
			Supplier<List<String>> functions) {
		this.queries = new JobQueries(jdbc, JdbcJobStores.tablePrefix(schema));
		this.nodes = new NodeTable(jdbc, JdbcJobStores.tablePrefix(schema));
		this.actions = new GuardedActions(
				new ActionStatements(jdbc.getJdbcTemplate(), JdbcJobStores.tablePrefix(schema)), store);
		this.transaction = transaction;
		this.channels = channels;
		this.functions = functions;
	}

	/**
	 * Read one page of a job list.
	 * @param query the filter, order, size and cursor of the page
	 * @return the page, with the cursor of the next one
	 * @throws InvalidJobQueryException if the cursor is malformed or belongs to another
	 * order
	 */
	public JobPage list(JobQuery query) {
		JobCursor cursor = (query.cursor() != null) ? JobCursor.decode(query.cursor(), query.sort()) : null;
		List<JobSummaryRow> rows = this.queries.list(query.filter(), query.sort(), cursor, query.limit() + 1);
		boolean more = rows.size() > query.limit();
		List<JobSummaryRow> page = more ? rows.subList(0, query.limit()) : rows;
		String next = more ? JobCursor.after(query.sort(), page.get(page.size() - 1)).encode() : null;
		return new JobPage(page.stream().map(JobSummaryRow::summary).toList(), next);
	}

	/**
	 * Count the jobs matching a filter, per state, up to {@link #COUNT_CAP} per state.
	 * The filter's states are ignored: every state is counted.
	 * @param filter which jobs
	 * @return the counts of every state, and the states with more jobs than the cap
	 */
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

	/**
	 * Read a job in full.
	 * @param uuid the job's uuid
	 * @return the job with its arguments, outcome, neighbours and graph
	 * @throws JobNotFoundException if there is no such job
	 */
	public JobDetail detail(UUID uuid) {
		JobQueries.DetailRow row = this.queries.detail(uuid);
		if (row == null) {
			throw new JobNotFoundException(uuid);
		}
		UUID graphUuid = row.summary().graphUuid();
		return new JobDetail(row.summary(), row.argsJson(), row.result(), row.excInfo(), row.dateEnqueued(),
				row.dateFailed(), row.dateCancelled(), row.execTimeMs(), row.identityKey(),
				this.queries.parents(row.id()), this.queries.children(row.id()),
				(graphUuid != null) ? this.queries.graph(graphUuid, MAX_GRAPH_NODES) : null);
	}

	/**
	 * Requeue a job: back to pending (or waiting when a parent is not done), tries reset.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 * @throws JobNotFoundException if there is no such job
	 * @throws TransitionRefusedException if the job is started, or another waiting job
	 * holds its identity key
	 */
	public JobSummary requeue(UUID uuid) {
		return performOne(JobAction.REQUEUE, uuid);
	}

	/**
	 * Cancel a job and the jobs waiting for it.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 * @throws JobNotFoundException if there is no such job
	 * @throws TransitionRefusedException unless the job is pending, enqueued, failed or
	 * waiting
	 */
	public JobSummary cancel(UUID uuid) {
		return performOne(JobAction.CANCEL, uuid);
	}

	/**
	 * Set a job done by hand, releasing the jobs waiting for it.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 * @throws JobNotFoundException if there is no such job
	 * @throws TransitionRefusedException if the job is started or already done
	 */
	public JobSummary setDone(UUID uuid) {
		return performOne(JobAction.DONE, uuid);
	}

	/**
	 * Requeue the jobs of a selection that may be requeued.
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}
	 * @return the jobs changed and those refused, with why
	 */
	public ActionResult requeue(Collection<UUID> uuids) {
		return perform(JobAction.REQUEUE, uuids);
	}

	/**
	 * Cancel the jobs of a selection that may be cancelled, and the jobs waiting for
	 * them.
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}
	 * @return the jobs changed and those refused, with why
	 */
	public ActionResult cancel(Collection<UUID> uuids) {
		return perform(JobAction.CANCEL, uuids);
	}

	/**
	 * Set the jobs of a selection done that may be set done.
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}
	 * @return the jobs changed and those refused, with why
	 */
	public ActionResult setDone(Collection<UUID> uuids) {
		return perform(JobAction.DONE, uuids);
	}

	/**
	 * Perform an action on one job.
	 * @param action the action
	 * @param uuid the job's uuid
	 * @return the job after the change
	 * @throws JobNotFoundException if there is no such job
	 * @throws TransitionRefusedException if the job's state does not allow the action
	 */
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

	/**
	 * Perform an action on a selection of jobs, in one transaction: the jobs are locked,
	 * those whose state allows the action take it, the others are refused.
	 * @param action the action
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}; duplicates count once
	 * @return the jobs changed and those refused, with why
	 * @throws InvalidJobQueryException if the selection is too large (parameter
	 * {@code uuids})
	 */
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

	/**
	 * The channels: every configured channel, then every other channel that has jobs
	 * waiting, pending, enqueued, started or failed, with their counts.
	 * @return the channels, configured ones first
	 */
	public List<ChannelStatus> channels() {
		Map<String, Map<JobState, Long>> counts = this.queries.channelCounts();
		Map<String, ChannelConfig> all = new LinkedHashMap<>();
		for (ChannelConfig config : this.channels.get()) {
			all.put(config.name(), config);
		}
		counts.keySet()
			.stream()
			.sorted()
			.forEach((name) -> all.putIfAbsent(name, new ChannelConfig(name, null, false, null)));
		List<ChannelStatus> channels = new ArrayList<>();
		all.forEach((name, config) -> {
			Map<JobState, Long> channel = counts.getOrDefault(name, Map.of());
			channels.add(new ChannelStatus(name, config.capacity(), config.sequential(), config.throttle(),
					channel.getOrDefault(JobState.WAIT_DEPENDENCIES, 0L), channel.getOrDefault(JobState.PENDING, 0L),
					channel.getOrDefault(JobState.ENQUEUED, 0L), channel.getOrDefault(JobState.STARTED, 0L),
					channel.getOrDefault(JobState.FAILED, 0L)));
		});
		return channels;
	}

	/**
	 * The nodes seen within {@link #NODE_SEEN_WITHIN}, most recently started first.
	 * @return the nodes
	 */
	public List<NodeStatus> nodes() {
		return this.nodes.seenWithin(NODE_SEEN_WITHIN);
	}

	/**
	 * The names of the job functions of the application.
	 * @return the names, sorted
	 */
	public List<String> functions() {
		return this.functions.get();
	}

}
