-- queue-job schema, version 8: flow control on channels.

-- The paused channels: the runner enqueues no job of a paused channel or of its
-- sub-channels, and under direct claims the workers claim none. One row per paused
-- channel (its full name), read once per round; a resume deletes the row.
CREATE TABLE queue_job_channel_pause (
    channel     varchar(255) PRIMARY KEY,
    date_paused timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Runner, rate limits: the jobs of a channel started within a rate's period, read as a
-- range of this index per stored channel (the channels found with one probe each), so
-- that a round reads the recent starts only, however many jobs have ever started.
CREATE INDEX queue_job_started_idx ON queue_job (channel, date_started)
    WHERE date_started IS NOT NULL;
