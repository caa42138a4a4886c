package io.queuejob.spring.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.queuejob.core.JobAction;
import io.queuejob.core.StorageLimits;

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
public interface JobOperations {

	/** The most jobs a page holds, also the REST API's {@code limit}. */
	int MAX_PAGE_SIZE = 200;

	/** The most jobs one action takes, also the REST API's selection. */
	int MAX_SELECTION = 1000;

	/** The most characters of a filter's text. */
	int MAX_TEXT = 200;

	/**
	 * The most characters of a filter's channel or job function, the length of their
	 * columns.
	 */
	int MAX_NAME = StorageLimits.MAX_NAME_LENGTH;

	/**
	 * The earliest instant of a filter or cursor, the first one of PostgreSQL's
	 * {@code timestamptz} (4714-11-24 BC).
	 */
	Instant MIN_INSTANT = StorageLimits.MIN_INSTANT;

	/**
	 * The latest instant of a filter or cursor, the last one of PostgreSQL's
	 * {@code timestamptz}.
	 */
	Instant MAX_INSTANT = StorageLimits.MAX_INSTANT;

	/** The most jobs counted per state; beyond, the state is reported as capped. */
	int COUNT_CAP = 10_000;

	/** The most jobs a graph view holds. */
	int MAX_GRAPH_NODES = 1000;

	/** How long ago a node was last seen, at most, to be listed. */
	Duration NODE_SEEN_WITHIN = Duration.ofMinutes(10);

	/**
	 * Read one page of a job list.
	 * @param query the filter, order, size and cursor of the page
	 * @return the page, with the cursor of the next one
	 * @throws InvalidJobQueryException if the cursor is malformed or belongs to another
	 * order
	 */
	JobPage list(JobQuery query);

	/**
	 * Count the jobs matching a filter, per state, up to {@link #COUNT_CAP} per state.
	 * The filter's states are ignored: every state is counted.
	 * @param filter which jobs
	 * @return the counts of every state, and the states with more jobs than the cap
	 */
	JobCounts counts(JobFilter filter);

	/**
	 * Read a job in full.
	 * @param uuid the job's uuid
	 * @return the job with its arguments, outcome, neighbours and graph
	 * @throws JobNotFoundException if there is no such job
	 */
	JobDetail detail(UUID uuid);

	/**
	 * Requeue a job: back to pending (or waiting when a parent is not done), tries reset.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 * @throws JobNotFoundException if there is no such job
	 * @throws TransitionRefusedException if the job is started, or another waiting job
	 * holds its identity key
	 */
	default JobSummary requeue(UUID uuid) {
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
	default JobSummary cancel(UUID uuid) {
		return performOne(JobAction.CANCEL, uuid);
	}

	/**
	 * Set a job done by hand, releasing the jobs waiting for it.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 * @throws JobNotFoundException if there is no such job
	 * @throws TransitionRefusedException if the job is started or already done
	 */
	default JobSummary setDone(UUID uuid) {
		return performOne(JobAction.DONE, uuid);
	}

	/**
	 * Requeue the jobs of a selection that may be requeued.
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}
	 * @return the jobs changed and those refused, with why
	 */
	default ActionResult requeue(Collection<UUID> uuids) {
		return perform(JobAction.REQUEUE, uuids);
	}

	/**
	 * Cancel the jobs of a selection that may be cancelled, and the jobs waiting for
	 * them.
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}
	 * @return the jobs changed and those refused, with why
	 */
	default ActionResult cancel(Collection<UUID> uuids) {
		return perform(JobAction.CANCEL, uuids);
	}

	/**
	 * Set the jobs of a selection done that may be set done.
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}
	 * @return the jobs changed and those refused, with why
	 */
	default ActionResult setDone(Collection<UUID> uuids) {
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
	JobSummary performOne(JobAction action, UUID uuid);

	/**
	 * Perform an action on a selection of jobs, in one transaction: the jobs are locked,
	 * those whose state allows the action take it, the others are refused.
	 * @param action the action
	 * @param uuids the jobs, at most {@link #MAX_SELECTION}; duplicates count once
	 * @return the jobs changed and those refused, with why
	 * @throws InvalidJobQueryException if the selection is too large (parameter
	 * {@code uuids})
	 */
	ActionResult perform(JobAction action, Collection<UUID> uuids);

	/**
	 * The channels: every configured channel, then every other channel that has jobs
	 * waiting, pending, enqueued, started or failed, with their counts.
	 * @return the channels, configured ones first
	 */
	List<ChannelStatus> channels();

	/**
	 * Why a job that waits to run has not started, computed now: its eta, a parent not
	 * done, a paused channel, a sequential predecessor, a channel at its capacity or at
	 * its rate, or busy workers. It costs a few queries, and nothing until asked.
	 * @param uuid the job
	 * @return the reason, or {@code null} when the job is not {@code pending} or
	 * {@code wait_dependencies}, or does not exist
	 */
	WaitingReason waitingReason(UUID uuid);

	/**
	 * How many jobs wait to run, per channel and per reason, counted now in bulk: each
	 * {@code pending} or {@code wait_dependencies} job is counted under the reason
	 * {@link #waitingReason(UUID)} would give it. It costs one grouped pass over the
	 * waiting jobs and a few more queries whatever their number, not a query per job, and
	 * nothing until asked; the runner and the workers never compute it. The queries read
	 * at slightly different instants, so jobs that move meanwhile may be counted under
	 * their previous reason.
	 * @return the counts of every channel with waiting jobs
	 */
	WaitingCounts waitingCounts();

	/**
	 * Pause a channel and its sub-channels on every node, until it is resumed, also
	 * across restarts: none of their jobs starts, pending jobs stay {@code pending}, and
	 * enqueued jobs that no worker claimed yet go back to {@code pending}. Jobs already
	 * started run on.
	 * @param channel the channel's name, with or without {@code root.}
	 * @return the channel, paused
	 * @throws InvalidJobQueryException if the name is not a valid channel name (parameter
	 * {@code channel})
	 */
	ChannelStatus pause(String channel);

	/**
	 * Resume a paused channel: its jobs start again, on every node. A sub-channel paused
	 * on its own stays paused. Resuming a channel that is not paused changes nothing.
	 * @param channel the channel's name, with or without {@code root.}
	 * @return the channel
	 * @throws InvalidJobQueryException if the name is not a valid channel name (parameter
	 * {@code channel})
	 */
	ChannelStatus resume(String channel);

	/**
	 * The nodes seen within {@link #NODE_SEEN_WITHIN}, most recently started first.
	 * @return the nodes
	 */
	List<NodeStatus> nodes();

	/**
	 * The names of the job functions of the application.
	 * @return the names, sorted
	 */
	List<String> functions();

}
