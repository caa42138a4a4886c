package io.queuejob.spring.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored schedule: its definition and where it stands.
 *
 * @param definition what it runs and when
 * @param source where it was declared: {@code annotation}, {@code properties} or
 * {@code api}
 * @param paused whether it was paused (and not resumed since)
 * @param nextOccurrence the next occurrence to materialise, or {@code null} while a
 * fixed-delay schedule waits for its job to end
 * @param lastOccurrence the occurrence of the last job it stored, or {@code null}
 * @param lastJobUuid the last job it stored, or {@code null}
 * @param lastJobState the state of that job ({@code pending}, {@code done}, …), or
 * {@code null} if there is none or it was deleted
 */
public record Schedule(ScheduleDefinition definition, String source, boolean paused, Instant nextOccurrence,
		Instant lastOccurrence, UUID lastJobUuid, String lastJobState) {

	/**
	 * The schedule's name.
	 * @return the name
	 */
	public String name() {
		return this.definition.name();
	}

	/**
	 * Whether occurrences are materialised now: enabled and not paused.
	 * @return whether the schedule is active
	 */
	public boolean active() {
		return this.definition.enabled() && !this.paused;
	}

}
