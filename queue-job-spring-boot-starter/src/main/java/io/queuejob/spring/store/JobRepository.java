package io.queuejob.spring.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.queuejob.core.JobState;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads jobs through JPA, the way for application code to query them: finders by uuid and
 * graph, counts, derived queries with paging, and {@link Specification}s on any column,
 * such as those of {@link JobSpecifications}.
 * <p>
 * Read-only: it has no method that saves, deletes or updates, and {@link JobEntity} is
 * immutable. State changes are the guarded transitions of
 * {@code io.queuejob.spring.operations.JobOperations} (requeue, cancel, set done) and of
 * the workers, never writes through JPA.
 * <p>
 * Registered by the starter whatever repository scanning the application uses. For
 * further derived queries, declare a repository of your own that extends
 * {@code Repository<JobEntity, Long>}.
 */
@Transactional(readOnly = true)
public interface JobRepository extends Repository<JobEntity, Long> {

	/**
	 * Find a job by its database id.
	 * @param id the id
	 * @return the job, or empty
	 */
	Optional<JobEntity> findById(Long id);

	/**
	 * Find a job by its public identity.
	 * @param uuid the job's uuid
	 * @return the job, or empty
	 */
	Optional<JobEntity> findByUuid(UUID uuid);

	/**
	 * Find the jobs of a dependency graph, in the order they were stored, with their
	 * parents loaded.
	 * @param graphUuid the graph's uuid
	 * @return the jobs of the graph
	 */
	@Query("""
			SELECT DISTINCT j FROM JobEntity j LEFT JOIN FETCH j.dependsOn
			WHERE j.graphUuid = :graphUuid ORDER BY j.id""")
	List<JobEntity> findByGraphUuid(UUID graphUuid);

	/**
	 * Find one page of the jobs in a state.
	 * @param state the state
	 * @param pageable the page, with its order (such as {@code dateCreated})
	 * @return the page
	 */
	Page<JobEntity> findByState(JobState state, Pageable pageable);

	/**
	 * Find one page of the jobs of a job function in a state.
	 * @param jobFunction the job function name, such as {@code invoiceService.send}
	 * @param state the state
	 * @param pageable the page, with its order
	 * @return the page
	 */
	Page<JobEntity> findByJobFunctionAndState(String jobFunction, JobState state, Pageable pageable);

	/**
	 * Find one page of every job.
	 * @param pageable the page, with its order
	 * @return the page
	 */
	Page<JobEntity> findAll(Pageable pageable);

	/**
	 * Find the job a specification matches.
	 * @param spec the specification
	 * @return the job, or empty
	 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException if more than
	 * one job matches
	 */
	Optional<JobEntity> findOne(Specification<JobEntity> spec);

	/**
	 * Find the jobs a specification matches.
	 * @param spec the specification
	 * @return the jobs
	 */
	List<JobEntity> findAll(Specification<JobEntity> spec);

	/**
	 * Find the jobs a specification matches, in an order.
	 * @param spec the specification
	 * @param sort the order
	 * @return the jobs
	 */
	List<JobEntity> findAll(Specification<JobEntity> spec, Sort sort);

	/**
	 * Find one page of the jobs a specification matches.
	 * @param spec the specification
	 * @param pageable the page, with its order
	 * @return the page
	 */
	Page<JobEntity> findAll(Specification<JobEntity> spec, Pageable pageable);

	/**
	 * Count the jobs a specification matches.
	 * @param spec the specification
	 * @return the number of jobs
	 */
	long count(Specification<JobEntity> spec);

	/**
	 * Whether a specification matches any job.
	 * @param spec the specification
	 * @return {@code true} if at least one job matches
	 */
	boolean exists(Specification<JobEntity> spec);

	/**
	 * Count every job.
	 * @return the number of jobs
	 */
	long count();

	/**
	 * Count the jobs in a state.
	 * @param state the state
	 * @return the number of jobs
	 */
	long countByState(JobState state);

	/**
	 * Count the jobs of a channel in a state.
	 * @param channel the full channel name
	 * @param state the state
	 * @return the number of jobs
	 */
	long countByChannelAndState(String channel, JobState state);

	/**
	 * Count the jobs per state; states without jobs are left out.
	 * @return the counts
	 */
	@Query("""
			SELECT new io.queuejob.spring.store.JobStateCount(j.state, count(j))
			FROM JobEntity j GROUP BY j.state""")
	List<JobStateCount> countPerState();

	/**
	 * Count the jobs per channel and state, ordered by channel; pairs without jobs are
	 * left out.
	 * @return the counts
	 */
	@Query("""
			SELECT new io.queuejob.spring.store.JobChannelStateCount(j.channel, j.state, count(j))
			FROM JobEntity j GROUP BY j.channel, j.state ORDER BY j.channel""")
	List<JobChannelStateCount> countPerChannelAndState();

}
