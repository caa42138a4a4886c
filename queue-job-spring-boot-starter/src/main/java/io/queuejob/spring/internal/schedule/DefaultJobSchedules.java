package io.queuejob.spring.internal.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.queuejob.spring.internal.enqueue.OccurrenceJobs;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.store.JdbcScheduleStore;
import io.queuejob.spring.internal.store.NewJob;
import io.queuejob.spring.internal.store.StoredSchedule;
import io.queuejob.spring.schedule.JobSchedules;
import io.queuejob.spring.schedule.Schedule;
import io.queuejob.spring.schedule.ScheduleDefinition;
import io.queuejob.spring.schedule.ScheduleNotFoundException;

import org.springframework.transaction.support.TransactionOperations;

/**
 * The {@link JobSchedules} on the schedule table. Each change is one transaction, checked
 * before anything is written; the runner's node sees it at its next pass, at once when it
 * is this node. Internal.
 */
public final class DefaultJobSchedules implements JobSchedules {

	/** The source of the schedules created through this API. */
	static final String SOURCE = "api";

	private final JdbcScheduleStore store;

	private final ScheduleValidator validator;

	private final JobFunctionRegistry functions;

	private final OccurrenceJobs jobs;

	private final TransactionOperations transaction;

	private final Runnable wake;

	/**
	 * Create the API.
	 * @param store the schedule store
	 * @param validator checks the schedules
	 * @param functions the job functions
	 * @param jobs builds the jobs of "run now"
	 * @param transaction runs each change in a transaction
	 * @param wake wakes this node's materialiser
	 */
	public DefaultJobSchedules(JdbcScheduleStore store, ScheduleValidator validator, JobFunctionRegistry functions,
			OccurrenceJobs jobs, TransactionOperations transaction, Runnable wake) {
		this.store = store;
		this.validator = validator;
		this.functions = functions;
		this.jobs = jobs;
		this.transaction = transaction;
		this.wake = wake;
	}

	@Override
	public Schedule create(ScheduleDefinition definition) {
		ScheduleDefinition valid = this.validator.validate(definition);
		ScheduleTiming timing = ScheduleTiming.of(valid);
		Schedule created = this.transaction.execute((status) -> {
			if (!this.store.insert(valid, SOURCE, timing.first(this.store.now()))) {
				throw new IllegalArgumentException("A schedule named '" + valid.name() + "' exists already");
			}
			return this.store.find(valid.name(), false).toSchedule();
		});
		this.wake.run();
		return created;
	}

	@Override
	public Schedule update(ScheduleDefinition definition) {
		ScheduleDefinition valid = this.validator.validate(definition);
		ScheduleTiming timing = ScheduleTiming.of(valid);
		Schedule updated = this.transaction.execute((status) -> {
			StoredSchedule existing = existing(valid.name(), true);
			boolean timingChanged = !existing.definition().sameTiming(valid);
			Instant next = timingChanged ? timing.first(this.store.now()) : null;
			this.store.update(valid, existing.source(), next, timingChanged);
			return this.store.find(valid.name(), false).toSchedule();
		});
		this.wake.run();
		return updated;
	}

	@Override
	public void pause(String name) {
		if (!this.store.setPaused(name, true)) {
			throw new ScheduleNotFoundException(name);
		}
	}

	@Override
	public void resume(String name) {
		if (!this.store.setPaused(name, false)) {
			throw new ScheduleNotFoundException(name);
		}
		this.wake.run();
	}

	@Override
	public UUID runNow(String name) {
		return this.transaction.execute((status) -> {
			StoredSchedule schedule = existing(name, true);
			JobFunction function = this.functions.find(schedule.definition().function());
			if (function == null) {
				throw new IllegalStateException("Schedule '" + name + "': no job function '"
						+ schedule.definition().function() + "' in this application");
			}
			NewJob row = this.jobs.row(function, schedule.definition().arguments(), name);
			Instant occurrence = this.store.now();
			if (!this.store.insertJob(row, name, occurrence, this.jobs.channel())) {
				throw new IllegalStateException("Schedule '" + name + "': a waiting job of " + function.name()
						+ " holds the identity key " + row.identityKey() + "; it runs instead");
			}
			this.jobs.stored(row);
			this.store.recordJob(name, occurrence, row.uuid());
			return row.uuid();
		});
	}

	@Override
	public void delete(String name) {
		if (!this.store.delete(name)) {
			throw new ScheduleNotFoundException(name);
		}
	}

	@Override
	public Optional<Schedule> find(String name) {
		return Optional.ofNullable(this.store.find(name, false)).map(StoredSchedule::toSchedule);
	}

	@Override
	public List<Schedule> list() {
		return this.store.list().stream().map(StoredSchedule::toSchedule).toList();
	}

	private StoredSchedule existing(String name, boolean lock) {
		StoredSchedule schedule = this.store.find(name, lock);
		if (schedule == null) {
			throw new ScheduleNotFoundException(name);
		}
		return schedule;
	}

}
