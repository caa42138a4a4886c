package io.queuejob.spring.internal.store;

import java.util.List;
import java.util.UUID;

import io.queuejob.core.channel.ChannelNames;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The paused channels, stored in the database so that a pause holds on every node and
 * across restarts. A paused channel, with its sub-channels, starts no job: the runner
 * enqueues none of its pending jobs, and under direct claims the workers claim none. Call
 * the changes in a transaction.
 */
public final class ChannelPauses {

	private final JobTables tables;

	private final String roundLock;

	private final String pause;

	private final String handBackEnqueued;

	private final String resume;

	private final String paused;

	/**
	 * Create the pauses of one queue-job installation.
	 * @param jdbc the JDBC template on queue-job's data source
	 * @param schema the schema of the queue-job tables
	 */
	public ChannelPauses(JdbcTemplate jdbc, QueueJobSchema schema) {
		this.tables = new JobTables(jdbc, schema.tablePrefix(), UUID.randomUUID().toString());
		// waits for a round in progress, so that no round planned before the pause
		// enqueues after it
		this.roundLock = "SELECT pg_advisory_xact_lock(?, hashtext(?))";
		this.pause = "INSERT INTO %s (channel) VALUES (?) ON CONFLICT (channel) DO NOTHING"
			.formatted(this.tables.pauses());
		// enqueued jobs have not started: they wait in pending again
		this.handBackEnqueued = """
				UPDATE %s SET state = 'pending', date_enqueued = NULL
				WHERE state = 'enqueued' AND (channel = ? OR starts_with(channel, ? || '.'))
				""".formatted(this.tables.table());
		this.resume = "DELETE FROM %s WHERE channel = ?".formatted(this.tables.pauses());
		this.paused = "SELECT channel FROM %s ORDER BY channel".formatted(this.tables.pauses());
	}

	/**
	 * Pause a channel and its sub-channels: no job of theirs starts until it is resumed.
	 * Their enqueued jobs, which no worker claimed yet, go back to {@code pending}; jobs
	 * already started run on.
	 * @param channel the channel's name, with or without {@code root.}
	 * @return whether the channel was not paused before
	 */
	public boolean pause(String channel) {
		String name = ChannelNames.normalize(channel);
		JdbcTemplate jdbc = this.tables.jdbc();
		jdbc.query(this.roundLock, (rs) -> {
		}, JobTables.ROUND_LOCK_NAMESPACE, this.tables.table() + ":round");
		boolean paused = jdbc.update(this.pause, name) > 0;
		jdbc.update(this.handBackEnqueued, name, name);
		return paused;
	}

	/**
	 * Resume a paused channel, and wake the runners and workers of every node at commit.
	 * A sub-channel paused on its own stays paused, as does the channel under a paused
	 * ancestor.
	 * @param channel the channel's name, with or without {@code root.}
	 * @return whether the channel was paused
	 */
	public boolean resume(String channel) {
		boolean resumed = this.tables.jdbc().update(this.resume, ChannelNames.normalize(channel)) > 0;
		if (resumed) {
			this.tables.notify(JobStores.RUNNER_CHANNEL);
			this.tables.notify(JobStores.WORKERS_CHANNEL);
		}
		return resumed;
	}

	/**
	 * The paused channels.
	 * @return their full names, sorted
	 */
	public List<String> paused() {
		return this.tables.jdbc().queryForList(this.paused, String.class);
	}

}
