-- queue-job schema, version 5: when a job failed. A failed job had no time of its end:
-- date_done is the time of a job run to done, and the dashboard's timeline of a failed
-- job stopped at its start. Set when a worker fails the job (an exception, or its last
-- try used) or when the runner fails a dead node's job with no try left; cleared when
-- the job is requeued, kept when it is then set done or cancelled.
ALTER TABLE queue_job ADD COLUMN date_failed timestamptz;
