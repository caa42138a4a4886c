package io.queuejob.spring.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.store.EnqueueStore;
import io.queuejob.spring.store.JobRepository;
import io.queuejob.spring.store.JobStores;

/**
 * Performs a user action on a selection of jobs inside the caller's transaction: locks
 * the jobs, lets the {@link JobRepository}'s guarded update change those whose state
 * allows the action, tells which changed and why the others did not, and notifies the
 * runner at commit when any changed. The lock makes the states read the states the update
 * sees, so every job is reported as it really went. Cancel and set done change every
 * allowed job (their updates guard by the same states); only requeue may leave one as it
 * was (another waiting job holds its identity key), so the states are read again only
 * when a requeue changed fewer jobs than allowed.
 */
final class GuardedActions {

	private final JobQueries queries;

	private final JobRepository repository;

	private final EnqueueStore store;

	GuardedActions(JobQueries queries, JobRepository repository, EnqueueStore store) {
		this.queries = queries;
		this.repository = repository;
		this.store = store;
	}

	ActionResult perform(JobAction action, Set<UUID> selection) {
		Map<UUID, JobState> before = this.queries.lockStates(selection);
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
		List<UUID> changed = allowed;
		switch (action) {
			case REQUEUE -> {
				if (this.repository.requeue(allowed) < allowed.size()) {
					changed = requeued(allowed, refused);
				}
			}
			case CANCEL -> this.repository.cancel(allowed);
			case DONE -> this.repository.setDone(allowed);
		}
		if (!changed.isEmpty()) {
			this.store.notify(JobStores.RUNNER_CHANNEL);
		}
		return new ActionResult(changed, refused);
	}

	/**
	 * The allowed jobs a requeue changed, read again; the others are refused: another
	 * waiting job holds their identity key.
	 */
	private List<UUID> requeued(List<UUID> allowed, List<ActionResult.Refusal> refused) {
		Map<UUID, JobState> after = this.queries.states(allowed);
		List<UUID> changed = new ArrayList<>();
		for (UUID uuid : allowed) {
			JobState state = after.get(uuid);
			if (JobAction.REQUEUE.isResult(state)) {
				changed.add(uuid);
			}
			else {
				refused.add(new ActionResult.Refusal(uuid, state, "another waiting job holds its identity key"));
			}
		}
		return changed;
	}

}
