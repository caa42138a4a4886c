-- queue-job schema, version 7: recurring jobs. A schedule declares a job function to run
-- at each occurrence of a cron expression (in a zone) or of a fixed rate or delay; the
-- node that holds the runner role materialises each due occurrence as an ordinary job.
CREATE TABLE queue_job_schedule (
    name             varchar(255) PRIMARY KEY,
    job_function     varchar(255) NOT NULL,
    cron             varchar(255),
    fixed_rate       interval,
    fixed_delay      interval,
    zone             varchar(64) NOT NULL DEFAULT 'UTC',
    args             jsonb NOT NULL DEFAULT '[]',
    enabled          boolean NOT NULL DEFAULT true,
    paused           boolean NOT NULL DEFAULT false,
    missed           varchar(10) NOT NULL DEFAULT 'skip',
    overlap          varchar(10) NOT NULL DEFAULT 'allow',
    source           varchar(20) NOT NULL,
    next_occurrence  timestamptz,
    last_occurrence  timestamptz,
    last_job_uuid    uuid,
    date_created     timestamptz NOT NULL DEFAULT clock_timestamp(),
    date_updated     timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT queue_job_schedule_timing_check
        CHECK (num_nonnulls(cron, fixed_rate, fixed_delay) = 1),
    CONSTRAINT queue_job_schedule_missed_check CHECK (missed IN ('skip', 'last', 'all')),
    CONSTRAINT queue_job_schedule_overlap_check CHECK (overlap IN ('allow', 'skip', 'queue')),
    CONSTRAINT queue_job_schedule_source_check CHECK (source IN ('annotation', 'properties', 'api'))
);

-- Materialiser: the schedules due next.
CREATE INDEX queue_job_schedule_next_idx ON queue_job_schedule (next_occurrence)
    WHERE enabled AND NOT paused;

-- A job materialised from a schedule names it and the occurrence it stands for.
ALTER TABLE queue_job ADD COLUMN schedule varchar(255);
ALTER TABLE queue_job ADD COLUMN scheduled_at timestamptz;

-- Exactly once per occurrence: a second job for the same occurrence cannot be stored,
-- whichever node tries, and however its clock runs.
CREATE UNIQUE INDEX queue_job_schedule_occurrence_idx ON queue_job (schedule, scheduled_at)
    WHERE schedule IS NOT NULL;
