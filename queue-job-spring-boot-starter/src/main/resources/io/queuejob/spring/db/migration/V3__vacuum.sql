-- queue-job schema, version 3: the index of the autovacuum, which deletes done and
-- cancelled jobs once their channel's removal interval has passed since they finished.

-- Autovacuum: the channels that hold finished jobs (one probe per channel), and the
-- finished jobs of a channel in the order they finished, up to a deadline. A job's
-- finish time is date_done for a done job and date_cancelled for a cancelled one; the
-- expression is written the same way in the store's query (JobVacuumStore).
CREATE INDEX queue_job_finished_idx ON queue_job
    (channel, (CASE WHEN state = 'done' THEN date_done ELSE date_cancelled END))
    WHERE state IN ('done', 'cancelled');
