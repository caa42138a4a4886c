-- queue-job schema, version 6: execution deadlines. timeout is how long a try of the job
-- may run, resolved when the job is stored (per call, job function, node default); null
-- for no limit. date_deadline is when the current try must have ended: set by the claim
-- that starts the try (its start plus the timeout), so that every node sees it.
ALTER TABLE queue_job ADD COLUMN timeout interval, ADD COLUMN date_deadline timestamptz;
