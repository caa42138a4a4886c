package io.queuejob.spring.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.queuejob.core.JobState;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and operates jobs through JPA: finders for listing and inspecting, and the user
 * actions of requeue, cancel and set done.
 * <p>
 * Every action is one guarded update: the state a job may leave is part of the
 * {@code WHERE} clause, so an action never overwrites a transition that happened
 * meanwhile (a job that a worker started is neither requeued nor set done). Each returns
 * how many jobs it changed; a job in a state the action does not apply to is left as it
 * is and not counted. The actions clear the persistence context, so entities loaded
 * before are detached and must be read again.
 * <p>
 * Registered by the starter whatever repository scanning the application uses.
 */
public interface JobRepository extends JpaRepository<JobEntity, Long>, JpaSpecificationExecutor<JobEntity> {

	/**
	 * The result of a job set done by hand.
	 */
	String SET_DONE_RESULT = "Manually set to done";

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

	/**
	 * Requeue jobs: any job not {@code started} goes back to {@code pending} with its
	 * tries reset, or to {@code wait_dependencies} if one of its parents is not done. A
	 * job is skipped when requeueing it would give a second waiting job the same identity
	 * key (another job holding the key is waiting, or an earlier job of the same call
	 * takes it).
	 * @param uuids the jobs' uuids
	 * @return how many jobs were requeued
	 */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			UPDATE JobEntity j
			SET j.state = CASE
			        WHEN EXISTS (SELECT 1 FROM JobEntity c JOIN c.dependsOn p
			                     WHERE c.id = j.id AND p.state <> io.queuejob.core.JobState.DONE)
			        THEN io.queuejob.core.JobState.WAIT_DEPENDENCIES
			        ELSE io.queuejob.core.JobState.PENDING END,
			    j.retry = 0, j.dateEnqueued = NULL, j.dateStarted = NULL, j.dateDone = NULL,
			    j.dateCancelled = NULL, j.dateFailed = NULL, j.execTimeMs = NULL, j.worker = NULL
			WHERE j.uuid IN :uuids AND j.state <> io.queuejob.core.JobState.STARTED
			  AND NOT EXISTS (SELECT 1 FROM JobEntity o
			                  WHERE o.identityKey = j.identityKey AND o.id <> j.id
			                    AND (o.state IN (io.queuejob.core.JobState.WAIT_DEPENDENCIES,
			                                     io.queuejob.core.JobState.PENDING,
			                                     io.queuejob.core.JobState.ENQUEUED)
			                         OR (o.uuid IN :uuids AND o.id < j.id
			                             AND o.state <> io.queuejob.core.JobState.STARTED)))""")
	int requeue(Collection<UUID> uuids);

	/**
	 * Cancel jobs: a job {@code pending}, {@code enqueued}, {@code failed} or
	 * {@code wait_dependencies} becomes {@code cancelled}, and so do the jobs waiting for
	 * it, transitively, since they could never run.
	 * @param uuids the jobs' uuids
	 * @return how many jobs were cancelled, waiting dependents included
	 */
	@Transactional
	default int cancel(Collection<UUID> uuids) {
		List<Long> reach = findCancellableWithWaitingDependents(uuids);
		if (reach.isEmpty()) {
			return 0;
		}
		int cancelled = markCancelled(uuids);
		int step = cancelled;
		while (step > 0) {
			step = cancelWaitingDependents(reach);
			cancelled += step;
		}
		return cancelled;
	}

	/**
	 * The first step of {@link #cancel(Collection)}: the ids of the given jobs that may
	 * be cancelled and of the jobs waiting for them, transitively.
	 * @param uuids the jobs' uuids
	 * @return the ids
	 */
	@Query("""
			WITH reach AS (
			    SELECT r.id AS id FROM JobEntity r
			    WHERE r.uuid IN :uuids
			      AND r.state IN (io.queuejob.core.JobState.PENDING, io.queuejob.core.JobState.ENQUEUED,
			                      io.queuejob.core.JobState.FAILED, io.queuejob.core.JobState.WAIT_DEPENDENCIES)
			    UNION
			    SELECT d.id AS id FROM reach x JOIN JobEntity p ON p.id = x.id JOIN p.dependents d
			    WHERE d.state = io.queuejob.core.JobState.WAIT_DEPENDENCIES
			)
			SELECT x.id FROM reach x""")
	List<Long> findCancellableWithWaitingDependents(Collection<UUID> uuids);

	/**
	 * The second step of {@link #cancel(Collection)}: cancel the given jobs that are
	 * {@code pending}, {@code enqueued}, {@code failed} or {@code wait_dependencies},
	 * leaving their dependents waiting. Prefer {@link #cancel(Collection)}.
	 * @param uuids the jobs' uuids
	 * @return how many jobs were cancelled
	 */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			UPDATE JobEntity j SET j.state = io.queuejob.core.JobState.CANCELLED, j.dateCancelled = instant
			WHERE j.uuid IN :uuids
			  AND j.state IN (io.queuejob.core.JobState.PENDING, io.queuejob.core.JobState.ENQUEUED,
			                  io.queuejob.core.JobState.FAILED, io.queuejob.core.JobState.WAIT_DEPENDENCIES)""")
	int markCancelled(Collection<UUID> uuids);

	/**
	 * The repeated last step of {@link #cancel(Collection)}: cancel the jobs among
	 * {@code ids} that wait for a cancelled job among {@code ids}.
	 * @param ids the ids found by
	 * {@link #findCancellableWithWaitingDependents(Collection)}
	 * @return how many jobs were cancelled
	 */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			UPDATE JobEntity j SET j.state = io.queuejob.core.JobState.CANCELLED, j.dateCancelled = instant
			WHERE j.id IN :ids AND j.state = io.queuejob.core.JobState.WAIT_DEPENDENCIES
			  AND EXISTS (SELECT 1 FROM JobEntity c JOIN c.dependsOn p
			              WHERE c.id = j.id AND p.id IN :ids AND p.state = io.queuejob.core.JobState.CANCELLED)""")
	int cancelWaitingDependents(Collection<Long> ids);

	/**
	 * Set jobs done by hand: any job not {@code started} becomes {@code done} with the
	 * result {@value #SET_DONE_RESULT}, and its waiting dependents whose parents are now
	 * all done become {@code pending}.
	 * @param uuids the jobs' uuids
	 * @return how many jobs were set done, released dependents not included
	 */
	@Transactional
	default int setDone(Collection<UUID> uuids) {
		int done = markDone(uuids);
		if (done > 0) {
			releaseDependentsOf(uuids);
		}
		return done;
	}

	/**
	 * The first step of {@link #setDone(Collection)}: mark jobs not {@code started} done,
	 * leaving their dependents waiting. Prefer {@link #setDone(Collection)}.
	 * @param uuids the jobs' uuids
	 * @return how many jobs were marked done
	 */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			UPDATE JobEntity j
			SET j.state = io.queuejob.core.JobState.DONE, j.result = 'Manually set to done', j.dateDone = instant
			WHERE j.uuid IN :uuids AND j.state <> io.queuejob.core.JobState.STARTED""")
	int markDone(Collection<UUID> uuids);

	/**
	 * Move the waiting dependents of the given jobs whose parents are all done to
	 * {@code pending}. The second step of {@link #setDone(Collection)}; harmless to call
	 * again.
	 * @param uuids the parents' uuids
	 * @return how many jobs were released
	 */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			UPDATE JobEntity c SET c.state = io.queuejob.core.JobState.PENDING
			WHERE c.state = io.queuejob.core.JobState.WAIT_DEPENDENCIES
			  AND c.id IN (SELECT d.id FROM JobEntity p JOIN p.dependents d WHERE p.uuid IN :uuids)
			  AND NOT EXISTS (SELECT 1 FROM JobEntity w JOIN w.dependsOn q
			                  WHERE w.id = c.id AND q.state <> io.queuejob.core.JobState.DONE)""")
	int releaseDependentsOf(Collection<UUID> uuids);

}
