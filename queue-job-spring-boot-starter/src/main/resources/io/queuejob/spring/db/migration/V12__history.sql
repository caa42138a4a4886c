-- queue-job schema, version 12: the history of finished jobs, partitioned by the day
-- their removal is due.
--
-- The runner's node moves done and cancelled jobs out of queue_job a few minutes after
-- they finished (queue-job.history.move-after), so that the table the runner and the
-- workers read holds the live jobs only, and retention drops a whole day's partition
-- instead of deleting its rows one by one. Failed jobs stay in queue_job: they block
-- their sequential channel and wait for an operator. Jobs finished before this version
-- stay in queue_job until the mover takes them, in batches, after the upgrade.
--
-- The columns are those of queue_job (a later version that adds a column to queue_job
-- adds it here too) and:
--   date_expires  when the job's removal is due: its finish plus its channel's removal
--                 interval, computed when it moved; the partition key;
--   parent_uuids  the jobs it depended on, and child_uuids the jobs that depended on it,
--                 among those still in queue_job when it moved (an edge to a job moved
--                 earlier is in that job's row).
-- id is the job's id in queue_job, unique across both tables: the keyset of the job list
-- reads both as one. The partitions, one per day of date_expires in UTC
-- (queue_job_history_pYYYYMMDD), are created by the mover before it writes into them and
-- dropped by the autovacuum once their day has passed; the default partition takes
-- the days no partition is created for (those far ahead), and is emptied row by row.
CREATE TABLE queue_job_history (
    id              bigint NOT NULL,
    uuid            uuid NOT NULL,
    graph_uuid      uuid,
    state           varchar(20) NOT NULL,
    channel         varchar(255) NOT NULL,
    priority        integer NOT NULL,
    eta             timestamptz,
    retry           integer NOT NULL,
    max_retries     integer NOT NULL,
    job_function    varchar(255) NOT NULL,
    args            jsonb NOT NULL,
    description     text,
    result          text,
    exc_name        text,
    exc_message     text,
    exc_info        text,
    date_created    timestamptz NOT NULL,
    date_enqueued   timestamptz,
    date_started    timestamptz,
    date_done       timestamptz,
    date_cancelled  timestamptz,
    exec_time_ms    bigint,
    identity_key    varchar(255),
    worker          varchar(255),
    created_by      varchar(255),
    date_failed     timestamptz,
    timeout         interval,
    date_deadline   timestamptz,
    schedule        varchar(255),
    scheduled_at    timestamptz,
    progress        smallint,
    progress_message varchar(255),
    progress_at     timestamptz,
    trace_context   varchar(512),
    partition_key   text,
    date_expires    timestamptz NOT NULL,
    parent_uuids    uuid[],
    child_uuids     uuid[],
    CONSTRAINT queue_job_history_state_check CHECK (state IN ('done', 'cancelled'))
) PARTITION BY RANGE (date_expires);

CREATE TABLE queue_job_history_default PARTITION OF queue_job_history DEFAULT;

-- Autovacuum: the expired jobs of the default partition, and whether it holds jobs of a
-- day the mover is about to create a partition for.
CREATE INDEX queue_job_history_default_expires_idx ON queue_job_history_default (date_expires);

-- A job by uuid (detail, actions); not unique across partitions, unique in fact: a job is
-- either in queue_job or here.
CREATE INDEX queue_job_history_uuid_idx ON queue_job_history (uuid);

-- The jobs of a graph.
CREATE INDEX queue_job_history_graph_idx ON queue_job_history (graph_uuid) WHERE graph_uuid IS NOT NULL;

-- The neighbours of a job across both tables.
CREATE INDEX queue_job_history_parents_idx ON queue_job_history USING gin (parent_uuids);
CREATE INDEX queue_job_history_children_idx ON queue_job_history USING gin (child_uuids);

-- The job list and counts, as on queue_job (V2 and V11).
CREATE INDEX queue_job_history_state_created_idx ON queue_job_history (state, date_created, id)
    INCLUDE (channel, job_function);
CREATE INDEX queue_job_history_channel_idx ON queue_job_history (channel, state, date_created, id)
    INCLUDE (job_function);
CREATE INDEX queue_job_history_function_idx ON queue_job_history (job_function, state, date_created, id);
CREATE INDEX queue_job_history_date_done_idx ON queue_job_history (state, date_done) INCLUDE (date_created)
    WHERE date_done IS NOT NULL;
