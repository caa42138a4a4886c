-- queue-job schema, version 2: what operating jobs reads (the job list of the REST API and
-- dashboard) and the registry of the nodes running queue-job.

-- Job list and counts: the jobs of one state in creation order. The list reads each
-- requested state (all of them when none is given) with its own ordered index scan, from
-- the page's cursor on, and merges the few rows it needs; the capped counts count at
-- most 10 001 entries per state. Channel and function are included so that counts
-- filtered by them, and the waiting jobs per channel of the channel overview, are
-- index-only scans. Without it, a list of a rare state (failed) scans the whole table,
-- and a list of a common one (done) sorts all of its rows.
CREATE INDEX queue_job_state_created_idx ON queue_job (state, date_created, id) INCLUDE (channel, job_function);

-- One row per running node, written by the node's heartbeat and deleted when it stops
-- cleanly; rows of nodes gone without stopping are deleted after a day.
CREATE TABLE queue_job_node (
    name            varchar(255) PRIMARY KEY,
    started_at      timestamptz NOT NULL,
    last_seen       timestamptz NOT NULL,
    runner          boolean NOT NULL,
    worker_threads  integer NOT NULL,
    busy_threads    integer NOT NULL
);
