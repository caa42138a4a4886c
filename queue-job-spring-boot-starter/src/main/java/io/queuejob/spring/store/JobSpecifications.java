package io.queuejob.spring.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.queuejob.core.JobState;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * {@link Specification}s of {@link JobEntity} for {@link JobRepository}, to combine with
 * {@link Specification#and}:
 *
 * <pre class="code">
 * Page&lt;JobEntity&gt; failedExports = jobs.findAll(
 *         JobSpecifications.inStates(JobState.FAILED)
 *             .and(JobSpecifications.jobFunction("invoiceService.export"))
 *             .and(JobSpecifications.createdBetween(since, null)),
 *         PageRequest.of(0, 50, Sort.by(Sort.Direction.DESC, "dateCreated")));
 * </pre>
 */
public final class JobSpecifications {

	private JobSpecifications() {
	}

	/**
	 * The jobs in any of the given states.
	 * @param states the states, at least one
	 * @return the specification
	 */
	public static Specification<JobEntity> inStates(JobState... states) {
		return inStates(List.of(states));
	}

	/**
	 * The jobs in any of the given states.
	 * @param states the states, at least one
	 * @return the specification
	 */
	public static Specification<JobEntity> inStates(Collection<JobState> states) {
		if (states.isEmpty()) {
			throw new IllegalArgumentException("states must name at least one state");
		}
		List<JobState> values = List.copyOf(states);
		return (root, query, cb) -> root.get("state").in(values);
	}

	/**
	 * The jobs of a channel, by its full name.
	 * @param channel the full channel name, such as {@code root.mail}
	 * @return the specification
	 */
	public static Specification<JobEntity> channel(String channel) {
		Objects.requireNonNull(channel, "channel must not be null");
		return (root, query, cb) -> cb.equal(root.get("channel"), channel);
	}

	/**
	 * The jobs of a job function.
	 * @param jobFunction the job function name, such as {@code invoiceService.send}
	 * @return the specification
	 */
	public static Specification<JobEntity> jobFunction(String jobFunction) {
		Objects.requireNonNull(jobFunction, "jobFunction must not be null");
		return (root, query, cb) -> cb.equal(root.get("jobFunction"), jobFunction);
	}

	/**
	 * The jobs with an identity key.
	 * @param identityKey the key
	 * @return the specification
	 */
	public static Specification<JobEntity> identityKey(String identityKey) {
		Objects.requireNonNull(identityKey, "identityKey must not be null");
		return (root, query, cb) -> cb.equal(root.get("identityKey"), identityKey);
	}

	/**
	 * The jobs of a dependency graph.
	 * @param graphUuid the graph's uuid
	 * @return the specification
	 */
	public static Specification<JobEntity> inGraph(UUID graphUuid) {
		Objects.requireNonNull(graphUuid, "graphUuid must not be null");
		return (root, query, cb) -> cb.equal(root.get("graphUuid"), graphUuid);
	}

	/**
	 * The jobs created in a range.
	 * @param from created at or after, or {@code null} for no lower bound
	 * @param to created before, or {@code null} for no upper bound
	 * @return the specification
	 */
	public static Specification<JobEntity> createdBetween(Instant from, Instant to) {
		return between("dateCreated", from, to);
	}

	/**
	 * The jobs done in a range; jobs not done have no time they were done and never
	 * match.
	 * @param from done at or after, or {@code null} for no lower bound
	 * @param to done before, or {@code null} for no upper bound
	 * @return the specification
	 */
	public static Specification<JobEntity> doneBetween(Instant from, Instant to) {
		return between("dateDone", from, to);
	}

	private static Specification<JobEntity> between(String attribute, Instant from, Instant to) {
		return (root, query, cb) -> {
			Predicate predicate = cb.isNotNull(root.get(attribute));
			if (from != null) {
				predicate = cb.and(predicate, cb.greaterThanOrEqualTo(root.get(attribute), from));
			}
			if (to != null) {
				predicate = cb.and(predicate, cb.lessThan(root.get(attribute), to));
			}
			return predicate;
		};
	}

}
