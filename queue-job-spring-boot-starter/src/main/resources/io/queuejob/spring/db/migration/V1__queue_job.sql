-- queue-job schema, version 1: the job table, the dependencies between jobs, and the
-- indexes the runner and the workers read with.
--
-- Applied by the starter with Flyway under its own history table
-- (queue_job_schema_history). Names are unqualified on purpose: the schema comes from
-- Flyway's default schema (the property queue-job.schema, or the connection's current
-- schema). Teams that apply DDL themselves can run this file as it is.

-- One row per job: the call (job_function, args), its options, its state and its
-- outcome. The states and the moves between them are described in SEMANTICS.md, section 2.
CREATE TABLE queue_job (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid            uuid NOT NULL,
    graph_uuid      uuid,
    state           varchar(20) NOT NULL,
    channel         varchar(255) NOT NULL,
    priority        integer NOT NULL,
    eta             timestamptz,
    retry           integer NOT NULL DEFAULT 0,
    max_retries     integer NOT NULL,
    job_function    varchar(255) NOT NULL,
    args            jsonb NOT NULL,
    description     text,
    result          text,
    exc_name        text,
    exc_message     text,
    exc_info        text,
    date_created    timestamptz NOT NULL DEFAULT clock_timestamp(),
    date_enqueued   timestamptz,
    date_started    timestamptz,
    date_done       timestamptz,
    date_cancelled  timestamptz,
    exec_time_ms    bigint,
    identity_key    varchar(255),
    worker          varchar(255),
    created_by      varchar(255),
    CONSTRAINT queue_job_uuid_key UNIQUE (uuid),
    CONSTRAINT queue_job_state_check CHECK (state IN ('wait_dependencies', 'pending', 'enqueued', 'started', 'done', 'cancelled', 'failed')),
    CONSTRAINT queue_job_max_retries_check CHECK (max_retries >= 0)
);

-- Edges of a job graph: the child waits until all of its parents are done. Deleting a
-- job deletes its edges.
CREATE TABLE queue_job_dependency (
    parent_id   bigint NOT NULL REFERENCES queue_job (id) ON DELETE CASCADE,
    child_id    bigint NOT NULL REFERENCES queue_job (id) ON DELETE CASCADE,
    PRIMARY KEY (parent_id, child_id),
    CONSTRAINT queue_job_dependency_not_self CHECK (parent_id <> child_id)
);

-- Graph: the parents of a child (the primary key serves the children of a parent), and
-- the foreign key from child_id when a job is deleted.
CREATE INDEX queue_job_dependency_child_idx ON queue_job_dependency (child_id);

-- Runner: the candidates of a channel, in the order they run (priority, then age).
CREATE INDEX queue_job_pending_idx ON queue_job (channel, priority, date_created, id)
    WHERE state = 'pending';

-- Runner: the next wake-up, the earliest future eta of a channel's pending jobs.
CREATE INDEX queue_job_pending_eta_idx ON queue_job (channel, eta)
    WHERE state = 'pending' AND eta IS NOT NULL;

-- Workers: claim enqueued jobs in order (FOR UPDATE SKIP LOCKED).
CREATE INDEX queue_job_enqueued_idx ON queue_job (priority, date_created, id)
    WHERE state = 'enqueued';

-- Runner: the occupancy of each channel, the jobs enqueued or started.
CREATE INDEX queue_job_running_idx ON queue_job (channel)
    WHERE state IN ('enqueued', 'started');

-- Runner: sequential channels are blocked while they hold a failed job.
CREATE INDEX queue_job_failed_idx ON queue_job (channel)
    WHERE state = 'failed';

-- Enqueue: at most one job per identity key among the jobs not yet started.
CREATE UNIQUE INDEX queue_job_identity_key_idx ON queue_job (identity_key)
    WHERE identity_key IS NOT NULL AND state IN ('wait_dependencies', 'pending', 'enqueued');

-- Graph: the jobs of one graph, for its view and its operations.
CREATE INDEX queue_job_graph_idx ON queue_job (graph_uuid)
    WHERE graph_uuid IS NOT NULL;
