-- queue-job schema, version 10: partition keys. A channel with per-key=N runs at most N
-- jobs of one key at once.

ALTER TABLE queue_job ADD COLUMN partition_key text;

-- Runner, channels limited per key: the keys of a channel's pending jobs (a loose index
-- scan, one probe per key), each key's first jobs in the order they run, and the jobs
-- without a key in that order, so that a round reads a few jobs per key however long
-- one key's backlog is.
CREATE INDEX queue_job_pending_key_idx ON queue_job (channel, partition_key, priority, date_created, id)
    WHERE state = 'pending';
