-- queue-job schema, version 11: the job list and counts filtered by channel, function or
-- done range on a big table.

-- Job list and counts by channel or function: the jobs of a channel, or of a function,
-- in one state in creation order, so that a page reads only matching jobs however rare
-- they are, where queue_job_state_created_idx checks every job of the state. Only the
-- states jobs rest in (done, cancelled, failed), which hold nearly all of a big table's
-- jobs; the few jobs of the other states are read from queue_job_state_created_idx. The
-- list and counts write each state as a literal, so that the planner matches the state
-- with the predicate. The runner and the workers never read these indexes, and a job
-- enters them once, when it is done, cancelled or fails. The function is included so
-- that the counts by channel and function are index-only scans.
CREATE INDEX queue_job_channel_finished_idx ON queue_job (channel, state, date_created, id) INCLUDE (job_function)
    WHERE state IN ('done', 'cancelled', 'failed');

CREATE INDEX queue_job_function_finished_idx ON queue_job (job_function, state, date_created, id)
    WHERE state IN ('done', 'cancelled', 'failed');

-- Job list and counts by done range: the done jobs in the order they were done. Counts
-- read the range only; an oldest-first list starts at the earliest creation among the
-- range's jobs (hence date_created included), a newest-first one at the range's end.
CREATE INDEX queue_job_date_done_idx ON queue_job (state, date_done) INCLUDE (date_created)
    WHERE date_done IS NOT NULL;
