package io.queuejob.spring.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import io.queuejob.core.JobState;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A job as stored in {@code queue_job}, the read model of jobs for application code:
 * query it through {@link JobRepository}. Jobs are written by queue-job's JDBC stores
 * (insert, claim, outcome) and by the guarded transitions of {@code JobOperations}
 * (requeue, cancel, set done) only.
 * <p>
 * The entity is {@link Immutable} and has no setter: nothing written through JPA can
 * overwrite a concurrent transition.
 * <p>
 * The mapping matches the migration {@code V1__queue_job.sql} exactly; Hibernate's
 * {@code ddl-auto=validate} passes on it. Like every entity, the table is managed by
 * whatever {@code spring.jpa.hibernate.ddl-auto} the application sets: leave it at
 * {@code none} or {@code validate}, the starter migrates its tables itself.
 * <p>
 * <strong>Schema.</strong> The {@code @Table} names no schema. The entity is not found by
 * entity scanning: queue-job's Hibernate mapping contributor adds it to the persistence
 * unit on queue-job's data source and, when {@code queue-job.schema} is set, qualifies
 * its tables ({@code queue_job} and the join table {@code queue_job_dependency}) with
 * that schema, and only its tables. If an application's own entity scanning finds this
 * class first (a scan of {@code io.queuejob} or a parent package), that contributor
 * cannot qualify it and the tables are looked up on the connection's {@code search_path}.
 */
@Entity
@Table(name = "queue_job")
@Immutable
public class JobEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	@Column(name = "id", updatable = false)
	private Long id;

	@Column(name = "uuid", nullable = false, updatable = false)
	private UUID uuid;

	@Column(name = "graph_uuid", updatable = false)
	private UUID graphUuid;

	@Convert(converter = JobStateConverter.class)
	@Column(name = "state", nullable = false, length = 20, updatable = false)
	private JobState state;

	@Column(name = "channel", nullable = false)
	private String channel;

	@Column(name = "priority", nullable = false)
	private int priority;

	@Column(name = "eta")
	private Instant eta;

	@Column(name = "retry", nullable = false, updatable = false)
	private int retry;

	@Column(name = "max_retries", nullable = false)
	private int maxRetries;

	@Column(name = "job_function", nullable = false, updatable = false)
	private String jobFunction;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "args", nullable = false, updatable = false)
	private String args;

	@Column(name = "description", columnDefinition = "text")
	private String description;

	@Column(name = "result", columnDefinition = "text", updatable = false)
	private String result;

	@Column(name = "exc_name", columnDefinition = "text", updatable = false)
	private String excName;

	@Column(name = "exc_message", columnDefinition = "text", updatable = false)
	private String excMessage;

	@Column(name = "exc_info", columnDefinition = "text", updatable = false)
	private String excInfo;

	@Column(name = "date_created", nullable = false, insertable = false, updatable = false)
	private Instant dateCreated;

	@Column(name = "date_enqueued", updatable = false)
	private Instant dateEnqueued;

	@Column(name = "date_started", updatable = false)
	private Instant dateStarted;

	@Column(name = "date_done", updatable = false)
	private Instant dateDone;

	@Column(name = "date_cancelled", updatable = false)
	private Instant dateCancelled;

	@Column(name = "date_failed", updatable = false)
	private Instant dateFailed;

	@Column(name = "exec_time_ms", updatable = false)
	private Long execTimeMs;

	@Column(name = "identity_key", updatable = false)
	private String identityKey;

	@Column(name = "worker", updatable = false)
	private String worker;

	@Column(name = "created_by", updatable = false)
	private String createdBy;

	@Column(name = "partition_key", updatable = false)
	private String partitionKey;

	@JdbcTypeCode(SqlTypes.INTERVAL_SECOND)
	@Column(name = "timeout", updatable = false)
	private Duration timeout;

	@Column(name = "date_deadline", updatable = false)
	private Instant dateDeadline;

	@Column(name = "schedule", updatable = false)
	private String schedule;

	@Column(name = "scheduled_at", updatable = false)
	private Instant scheduledAt;

	@ManyToMany(fetch = FetchType.LAZY)
	@JoinTable(name = "queue_job_dependency", joinColumns = @JoinColumn(name = "child_id"),
			inverseJoinColumns = @JoinColumn(name = "parent_id"))
	private Set<JobEntity> dependsOn = new LinkedHashSet<>();

	@ManyToMany(mappedBy = "dependsOn", fetch = FetchType.LAZY)
	private Set<JobEntity> dependents = new LinkedHashSet<>();

	/**
	 * For JPA only: jobs are created by queue-job's JDBC stores.
	 */
	protected JobEntity() {
	}

	/**
	 * Return the database id.
	 * @return the id
	 */
	public Long getId() {
		return this.id;
	}

	/**
	 * Return the public identity of the job.
	 * @return the uuid
	 */
	public UUID getUuid() {
		return this.uuid;
	}

	/**
	 * Return the uuid shared by the jobs of the job's dependency graph.
	 * @return the graph uuid, or {@code null} for a job outside a graph
	 */
	public UUID getGraphUuid() {
		return this.graphUuid;
	}

	/**
	 * Return the state.
	 * @return the state
	 */
	public JobState getState() {
		return this.state;
	}

	/**
	 * Return the full channel name, such as {@code root.mail}.
	 * @return the channel
	 */
	public String getChannel() {
		return this.channel;
	}

	/**
	 * Return the priority; smaller runs first.
	 * @return the priority
	 */
	public int getPriority() {
		return this.priority;
	}

	/**
	 * Return the instant before which the job does not run.
	 * @return the eta, or {@code null} to run as soon as possible
	 */
	public Instant getEta() {
		return this.eta;
	}

	/**
	 * Return the number of tries so far.
	 * @return the tries
	 */
	public int getRetry() {
		return this.retry;
	}

	/**
	 * Return the total tries allowed.
	 * @return the maximum, 0 for unlimited
	 */
	public int getMaxRetries() {
		return this.maxRetries;
	}

	/**
	 * Return the job function name, such as {@code invoiceService.send}.
	 * @return the job function
	 */
	public String getJobFunction() {
		return this.jobFunction;
	}

	/**
	 * Return the arguments as stored: a JSON array.
	 * @return the JSON text
	 */
	public String getArgs() {
		return this.args;
	}

	/**
	 * Return the human description.
	 * @return the description, or {@code null}
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Return the outcome as stored: the JSON of the value the method returned, or a text
	 * saying why it is retried, why it was set done, or the message of a
	 * {@code NothingToDoJob}.
	 * @return the result, or {@code null}
	 */
	public String getResult() {
		return this.result;
	}

	/**
	 * Return the class of the exception of the last failed try.
	 * @return the exception class name, or {@code null}
	 */
	public String getExcName() {
		return this.excName;
	}

	/**
	 * Return the message of the exception of the last failed try.
	 * @return the message, or {@code null}
	 */
	public String getExcMessage() {
		return this.excMessage;
	}

	/**
	 * Return the stack trace of the exception of the last failed try.
	 * @return the stack trace, or {@code null}
	 */
	public String getExcInfo() {
		return this.excInfo;
	}

	/**
	 * Return when the job was stored.
	 * @return the creation instant
	 */
	public Instant getDateCreated() {
		return this.dateCreated;
	}

	/**
	 * Return when the runner last enqueued the job.
	 * @return the instant, or {@code null}
	 */
	public Instant getDateEnqueued() {
		return this.dateEnqueued;
	}

	/**
	 * Return when the current or last try started.
	 * @return the instant, or {@code null}
	 */
	public Instant getDateStarted() {
		return this.dateStarted;
	}

	/**
	 * Return when the job was done.
	 * @return the instant, or {@code null}
	 */
	public Instant getDateDone() {
		return this.dateDone;
	}

	/**
	 * Return when the job was cancelled.
	 * @return the instant, or {@code null}
	 */
	public Instant getDateCancelled() {
		return this.dateCancelled;
	}

	/**
	 * Return when the job failed: when a worker failed it, or the runner found it dead
	 * with no try left. Cleared when the job is requeued.
	 * @return the instant, or {@code null}
	 */
	public Instant getDateFailed() {
		return this.dateFailed;
	}

	/**
	 * Return how long the successful try ran.
	 * @return the execution time, or {@code null} if the job did not finish by running
	 */
	public Duration getExecTime() {
		return (this.execTimeMs != null) ? Duration.ofMillis(this.execTimeMs) : null;
	}

	/**
	 * Return the deduplication key.
	 * @return the identity key, or {@code null}
	 */
	public String getIdentityKey() {
		return this.identityKey;
	}

	/**
	 * Return the node running the job, or that ran its last try.
	 * @return the worker name, or {@code null}
	 */
	public String getWorker() {
		return this.worker;
	}

	/**
	 * Return the principal that enqueued the job.
	 * @return the principal name, or {@code null}
	 */
	public String getCreatedBy() {
		return this.createdBy;
	}

	/**
	 * Return the partition key that per-key channel limits count.
	 * @return the partition key, or {@code null}
	 */
	public String getPartitionKey() {
		return this.partitionKey;
	}

	/**
	 * Return how long a try of the job may run.
	 * @return the timeout, or {@code null} for no limit
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Return when the running try is stopped.
	 * @return the deadline, or {@code null}
	 */
	public Instant getDateDeadline() {
		return this.dateDeadline;
	}

	/**
	 * Return the name of the schedule whose occurrence the job is.
	 * @return the schedule name, or {@code null}
	 */
	public String getSchedule() {
		return this.schedule;
	}

	/**
	 * Return the occurrence of the schedule that the job is.
	 * @return the occurrence, or {@code null}
	 */
	public Instant getScheduledAt() {
		return this.scheduledAt;
	}

	/**
	 * Return the jobs this job waits for (its parents), loaded lazily.
	 * @return an unmodifiable view of the parents
	 */
	public Set<JobEntity> getDependsOn() {
		return Collections.unmodifiableSet(this.dependsOn);
	}

	/**
	 * Return the jobs that wait for this job (its children), loaded lazily.
	 * @return an unmodifiable view of the children
	 */
	public Set<JobEntity> getDependents() {
		return Collections.unmodifiableSet(this.dependents);
	}

	@Override
	public String toString() {
		return "JobEntity[id=" + this.id + ", uuid=" + this.uuid + ", jobFunction=" + this.jobFunction + ", state="
				+ this.state + "]";
	}

}
