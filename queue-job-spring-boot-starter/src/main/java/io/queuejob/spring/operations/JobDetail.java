package io.queuejob.spring.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job in full: its summary, arguments, outcome, timeline and graph.
 *
 * @param summary what a list shows of it
 * @param argsJson its arguments as stored: a JSON array
 * @param resultJson its result as JSON, or {@code null}: what its method returned, as
 * stored (or a JSON string saying why it was not stored), or a text outcome as a JSON
 * string (the message of a {@code NothingToDoJob}, "Manually set to done", why it was
 * retried, handed back or cancelled)
 * @param excInfo the stack trace of its last failure, or {@code null}
 * @param dateEnqueued when the runner last enqueued it (under direct claims, when a
 * worker took it from pending), or {@code null}
 * @param dateFailed when it failed (cleared when it is requeued), or {@code null}
 * @param dateCancelled when it was cancelled, or {@code null}
 * @param execTimeMs how long its successful try ran, or {@code null}
 * @param identityKey its identity key, or {@code null}
 * @param dependsOn the uuids of the jobs it waits for
 * @param dependents the uuids of the jobs that wait for it
 * @param graph its graph, or {@code null} for a job outside a graph
 * @param timeout how long a try may run, or {@code null} for no limit
 * @param dateDeadline when its running try is stopped, or {@code null}
 * @param schedule the name of the schedule whose occurrence it is, or {@code null}
 * @param scheduledAt the occurrence of that schedule it is, or {@code null}
 */
public record JobDetail(JobSummary summary, String argsJson, String resultJson, String excInfo, Instant dateEnqueued,
		Instant dateFailed, Instant dateCancelled, Long execTimeMs, String identityKey, List<UUID> dependsOn,
		List<UUID> dependents, JobGraphView graph, Duration timeout, Instant dateDeadline, String schedule,
		Instant scheduledAt) {

}
