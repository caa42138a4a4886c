package io.queuejob.spring.testsupport;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.queuejob.core.JobState;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes job rows straight into {@code queue_job}, with any state, channel, function,
 * text and dates, for tests that read and operate jobs without running them.
 */
public final class JobRows {

	private final JdbcTemplate jdbc;

	/**
	 * Write rows through a JDBC template.
	 * @param jdbc the template on the test database
	 */
	public JobRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Start a row.
	 * @param state its state
	 * @return the row, to describe further and insert
	 */
	public Row job(JobState state) {
		return new Row(state);
	}

	/**
	 * Delete every job with its dependencies (and the finished jobs moved into the
	 * history), the channel pauses and the node rows, so that a test starts from an empty
	 * queue.
	 */
	public void deleteAll() {
		this.jdbc.update("DELETE FROM queue_job_dependency");
		this.jdbc.update("DELETE FROM queue_job");
		this.jdbc.update("DELETE FROM queue_job_history");
		this.jdbc.update("DELETE FROM queue_job_channel_pause");
		this.jdbc.update("DELETE FROM queue_job_node");
	}

	/**
	 * Record that a job waits for another.
	 * @param parent the job waited for
	 * @param child the waiting job
	 */
	public void dependency(Stored parent, Stored child) {
		this.jdbc.update("INSERT INTO queue_job_dependency (parent_id, child_id) VALUES (?, ?)", parent.id(),
				child.id());
	}

	/**
	 * The state of a job now.
	 * @param job the job
	 * @return its state
	 */
	public JobState state(Stored job) {
		return JobState
			.fromDbValue(this.jdbc.queryForObject("SELECT state FROM queue_job WHERE id = ?", String.class, job.id()));
	}

	/**
	 * The number of jobs.
	 * @return how many rows {@code queue_job} holds
	 */
	public int count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM queue_job", Integer.class);
	}

	/**
	 * The number of jobs done.
	 * @return how many jobs are in state {@code done}
	 */
	public int countDone() {
		return this.jdbc.queryForObject("SELECT count(*) FROM queue_job WHERE state = 'done'", Integer.class);
	}

	/**
	 * The stored state of a job now.
	 * @param uuid the job's uuid
	 * @return its state as stored, for example {@code done}
	 */
	public String stateOf(Object uuid) {
		return this.jdbc.queryForObject("SELECT state FROM queue_job WHERE uuid = ?", String.class, uuid);
	}

	/**
	 * A stored row.
	 *
	 * @param id its id
	 * @param uuid its uuid
	 */
	public record Stored(long id, UUID uuid) {

		/**
		 * The uuid as text.
		 * @return the uuid
		 */
		public String text() {
			return this.uuid.toString();
		}

	}

	/**
	 * A row being described.
	 */
	public final class Row {

		private final JobState state;

		private String channel = "root";

		private String function = "orderService.confirm";

		private String description = "Confirm an order";

		private String excName;

		private String excMessage;

		private Instant created = Instant.now();

		private Instant done;

		private UUID graph;

		private String identityKey;

		private Row(JobState state) {
			this.state = state;
		}

		/**
		 * Set the channel.
		 * @param channel the full channel name
		 * @return this row
		 */
		public Row channel(String channel) {
			this.channel = channel;
			return this;
		}

		/**
		 * Set the job function.
		 * @param function the job function name
		 * @return this row
		 */
		public Row function(String function) {
			this.function = function;
			return this;
		}

		/**
		 * Set the description.
		 * @param description the description
		 * @return this row
		 */
		public Row description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Set the exception of the last failure.
		 * @param name the exception class
		 * @param message the exception message
		 * @return this row
		 */
		public Row exception(String name, String message) {
			this.excName = name;
			this.excMessage = message;
			return this;
		}

		/**
		 * Set when the job was stored.
		 * @param created the creation instant
		 * @return this row
		 */
		public Row created(Instant created) {
			this.created = created;
			return this;
		}

		/**
		 * Set when the job was done.
		 * @param done the instant
		 * @return this row
		 */
		public Row done(Instant done) {
			this.done = done;
			return this;
		}

		/**
		 * Put the job in a graph.
		 * @param graph the graph uuid
		 * @return this row
		 */
		public Row graph(UUID graph) {
			this.graph = graph;
			return this;
		}

		/**
		 * Set the identity key.
		 * @param identityKey the key
		 * @return this row
		 */
		public Row identityKey(String identityKey) {
			this.identityKey = identityKey;
			return this;
		}

		/**
		 * Insert the row.
		 * @return the stored row
		 */
		public Stored insert() {
			UUID uuid = UUID.randomUUID();
			Long id = JobRows.this.jdbc.queryForObject("""
					INSERT INTO queue_job (uuid, graph_uuid, state, channel, priority, max_retries, job_function, args,
					    description, exc_name, exc_message, date_created, date_done, identity_key, retry, worker)
					VALUES (?, ?, ?, ?, 10, 5, ?, '[42, "x"]'::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
					RETURNING id
					""", Long.class, uuid, this.graph, this.state.dbValue(), this.channel, this.function,
					this.description, this.excName, this.excMessage, this.created.atOffset(ZoneOffset.UTC),
					(this.done != null) ? this.done.atOffset(ZoneOffset.UTC) : null, this.identityKey,
					(this.state == JobState.STARTED) ? 1 : 0, (this.state == JobState.STARTED) ? "node-1" : null);
			return new Stored(id, uuid);
		}

	}

}
