package io.queuejob.spring.internal.operations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.spring.internal.store.EnqueueStore;
import io.queuejob.spring.internal.store.JobHistoryStore;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.internal.store.StopStore;
import io.queuejob.spring.operations.ActionResult;

/**
 * Performs a user action on a selection of jobs inside the caller's transaction: locks
 * the jobs, lets the action's guarded statement change those whose state allows it, tells
 * which changed and why the others did not, and notifies the runner at commit when any
 * changed. The lock makes the states read the states the statement sees, so every job is
 * reported as it really went. Cancel and set done change every allowed job (their
 * statements guard by the same states); only requeue may leave one as it was (another
 * waiting job holds its identity key).
 */
final class GuardedActions {

	private final ActionStatements statements;

	private final EnqueueStore store;

	private final JobHistoryStore history;

	GuardedActions(ActionStatements statements, EnqueueStore store, JobHistoryStore history) {
		this.statements = statements;
		this.store = store;
		this.history = history;
	}

	ActionResult perform(JobAction action, Set<UUID> selection) {
		Map<UUID, JobState> before = new HashMap<>(this.statements.lock(action, selection));
		if (before.size() < selection.size()) {
			// the jobs not in the job table may be in the history (moved before the lock,
			// since the mover skips locked jobs): those the action may change come back
			// and are locked in turn; the others are refused in the state they are in
			List<UUID> missing = selection.stream().filter((uuid) -> !before.containsKey(uuid)).toList();
			if (this.history.restore(missing, action.allowedFrom().stream().map(JobState::dbValue).toList()) > 0) {
				before.putAll(this.statements.lock(action, missing));
			}
			this.history.states(missing.stream().filter((uuid) -> !before.containsKey(uuid)).toList())
				.forEach((uuid, state) -> before.put(uuid, JobState.fromDbValue(state)));
		}
		List<UUID> allowed = new ArrayList<>();
		List<ActionResult.Refusal> refused = new ArrayList<>();
		for (UUID uuid : selection) {
			JobState state = before.get(uuid);
			if (state == null) {
				refused.add(new ActionResult.Refusal(uuid, null, "not found"));
			}
			else if (!action.isAllowedFrom(state)) {
				refused.add(new ActionResult.Refusal(uuid, state, action.refusal(state)));
			}
			else {
				allowed.add(uuid);
			}
		}
		if (allowed.isEmpty()) {
			return new ActionResult(List.of(), refused);
		}
		Set<UUID> performed = new HashSet<>(this.statements.perform(action, allowed));
		List<UUID> changed = new ArrayList<>();
		for (UUID uuid : allowed) {
			if (performed.contains(uuid)) {
				changed.add(uuid);
			}
			else {
				refused.add(
						new ActionResult.Refusal(uuid, before.get(uuid), "another waiting job holds its identity key"));
			}
		}
		if (!changed.isEmpty()) {
			this.store.notify(JobStores.RUNNER_CHANNEL);
		}
		if (changed.stream().anyMatch((uuid) -> before.get(uuid) == JobState.STARTED)) {
			// the nodes that run them stop their tries
			this.store.notify(StopStore.CANCEL_CHANNEL);
		}
		return new ActionResult(changed, refused);
	}

}
