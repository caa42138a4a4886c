-- What a running job last reported of its progress (written by its node at most once a
-- second), and the trace context of the code that enqueued it (a W3C traceparent or
-- whatever the application's tracing propagator writes), for the execution's span.
ALTER TABLE queue_job
    ADD COLUMN progress smallint,
    ADD COLUMN progress_message varchar(255),
    ADD COLUMN progress_at timestamptz,
    ADD COLUMN trace_context varchar(512);

-- Per minute and channel, the jobs that ended done or failed in that minute, and the
-- time from their enqueue (creation, or their eta when later) to their last start:
-- count, sum and counts per bucket. The runner folds the jobs that ended since
-- folded_to into it; the autovacuum deletes old minutes.
CREATE TABLE queue_job_minute (
    minute          timestamptz NOT NULL,
    channel         varchar(255) NOT NULL,
    done            integer NOT NULL DEFAULT 0,
    failed          integer NOT NULL DEFAULT 0,
    latency_count   integer NOT NULL DEFAULT 0,
    latency_ms_sum  bigint NOT NULL DEFAULT 0,
    latency_lt_100ms integer NOT NULL DEFAULT 0,
    latency_lt_1s   integer NOT NULL DEFAULT 0,
    latency_lt_10s  integer NOT NULL DEFAULT 0,
    latency_lt_1m   integer NOT NULL DEFAULT 0,
    latency_ge_1m   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (minute, channel)
);

CREATE TABLE queue_job_minute_watermark (
    id          smallint PRIMARY KEY CHECK (id = 1),
    folded_to   timestamptz NOT NULL
);

INSERT INTO queue_job_minute_watermark (id, folded_to) VALUES (1, clock_timestamp());
