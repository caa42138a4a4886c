package io.queuejob.spring.internal.store;

import java.time.Instant;
import java.util.UUID;

import io.queuejob.core.JobState;
import io.queuejob.spring.schedule.Schedule;
import io.queuejob.spring.schedule.ScheduleDefinition;

/**
 * A row of the schedule table, with the state of its last job.
 *
 * @param definition what it runs and when
 * @param source {@code annotation}, {@code properties} or {@code api}
 * @param paused whether it is paused
 * @param nextOccurrence the next occurrence to materialise, or {@code null}
 * @param lastOccurrence the occurrence of its last job, or {@code null}
 * @param lastJobUuid its last job, or {@code null}
 * @param lastJobState the state of its last job, or {@code null} when there is none
 * @param lastJobEnd when its last job ended (done, failed or cancelled), or {@code null}
 */
public record StoredSchedule(ScheduleDefinition definition, String source, boolean paused, Instant nextOccurrence,
		Instant lastOccurrence, UUID lastJobUuid, String lastJobState, Instant lastJobEnd) {

	/**
	 * Whether its last job still waits or runs.
	 * @return {@code true} while the last job is neither done, failed nor cancelled
	 */
	public boolean lastJobUnfinished() {
		if (this.lastJobState == null) {
			return false;
		}
		JobState state = JobState.fromDbValue(this.lastJobState);
		return !state.isFinished() && state != JobState.FAILED;
	}

	/**
	 * The schedule as the API shows it.
	 * @return the schedule
	 */
	public Schedule toSchedule() {
		return new Schedule(this.definition, this.source, this.paused, this.nextOccurrence, this.lastOccurrence,
				this.lastJobUuid, this.lastJobState);
	}

}
