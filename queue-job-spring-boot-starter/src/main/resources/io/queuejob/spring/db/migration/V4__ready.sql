-- queue-job schema, version 4: the index of direct claims. When no channel limits its
-- jobs, the workers claim the pending jobs that have no eta straight from pending, in
-- the order they run, without the runner enqueuing them first.

-- Workers: claim ready pending jobs in order (FOR UPDATE SKIP LOCKED). Jobs with an eta
-- are left out, so that the scan never passes over jobs that are not due yet: the
-- runner enqueues those when their eta has passed (queue_job_pending_eta_idx).
CREATE INDEX queue_job_ready_idx ON queue_job (priority, date_created, id)
    WHERE state = 'pending' AND eta IS NULL;
