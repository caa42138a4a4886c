#!/usr/bin/env bash
# Retention cost of the history of finished jobs (V12): dropping one day's partition of
# queue_job_history against deleting the same rows from an unpartitioned table and vacuuming it.
#
#   bench/history/retention.sh
#
# On a fresh database (qjbench_retention_<pid>, dropped at the end) with the starter's migrations
# applied (the V*.sql files, in version order), it fills queue_job_history with RETENTION_DAYS
# day partitions (default 3) of RETENTION_ROWS jobs each (default 1,000,000): done and cancelled
# jobs with a jsonb args, a description, a result and their dates, date_expires on the partition's
# day. The first day is the expired one. It then copies the same rows into retention_copy, a plain
# table with the same columns and the same indexes, plus one on date_expires (what a retention by
# DELETE needs to find the expired rows). After a CHECKPOINT before each, it times:
#   DROP TABLE queue_job_history_p<day>                   (what the autovacuum does)
#   DELETE FROM retention_copy WHERE date_expires < <day end>, then VACUUM retention_copy
# and prints the seconds of each (wall clock around psql, connection included) and the sizes.
#
# Server: BENCH_JDBC_URL (default jdbc:postgresql://127.0.0.1:5432/postgres; only its host and port
# are used), BENCH_USER (postgres), BENCH_PASSWORD; needs psql and CREATEDB. Prints the load
# average (uptime) at the start and at the end. About 3 minutes on a quiet 2-core machine, 6 under load.
set -euo pipefail
cd "$(dirname "$0")"
MIGRATIONS=../../queue-job-spring-boot-starter/src/main/resources/io/queuejob/spring/db/migration
URL="${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}"
HOSTPORT="${URL#jdbc:postgresql://}"
HOSTPORT="${HOSTPORT%%/*}"
export PGHOST="${HOSTPORT%%:*}"
if [[ "$HOSTPORT" == *:* ]]; then export PGPORT="${HOSTPORT##*:}"; else export PGPORT=5432; fi
export PGUSER="${BENCH_USER:-postgres}"
if [[ -n "${BENCH_PASSWORD:-}" ]]; then export PGPASSWORD="$BENCH_PASSWORD"; fi
ROWS="${RETENTION_ROWS:-1000000}"
DAYS="${RETENTION_DAYS:-3}"
DB="qjbench_retention_$$"

q() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
drop_db() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true; }
timed() { # prints the seconds one statement took, committed
	local start end
	q -c "CHECKPOINT" >/dev/null
	start=$(date +%s.%N)
	q -c "$1" >/dev/null
	end=$(date +%s.%N)
	echo "$end - $start" | bc
}

echo "retention bench, $(date -u +%FT%TZ), $(nproc) cores, $(psql -X -At -d postgres -c 'SELECT version()')"
echo "load at start: $(uptime)"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" >/dev/null
trap drop_db EXIT
for f in $(ls "$MIGRATIONS"/V*.sql | sort -V); do
	q -f "$f" >/dev/null
done

DAY=$(q -At -c "SELECT to_char((now() AT TIME ZONE 'UTC')::date - 1, 'YYYY-MM-DD')")
q -c "DO \$\$ BEGIN FOR d IN 0..$DAYS - 1 LOOP
	EXECUTE format('CREATE TABLE queue_job_history_p%s PARTITION OF queue_job_history FOR VALUES FROM (%L) TO (%L)',
	    to_char(date '$DAY' + d, 'YYYYMMDD'), ((date '$DAY' + d)::timestamp AT TIME ZONE 'UTC'),
	    ((date '$DAY' + d + 1)::timestamp AT TIME ZONE 'UTC'));
	END LOOP; END \$\$"

echo "filling $DAYS day partitions of $ROWS jobs ($(date -u +%T))"
for ((d = 0; d < DAYS; d++)); do
	# job g finished on the day 30 days before its removal, spread over the day
	q -c "SET TIME ZONE 'UTC'; SET synchronous_commit = off;
		INSERT INTO queue_job_history (id, uuid, state, channel, priority, retry, max_retries, job_function, args,
		    description, result, date_created, date_enqueued, date_started, date_done, date_cancelled, exec_time_ms,
		    worker, created_by, date_expires)
		SELECT $d * $ROWS + g, gen_random_uuid(), s.state, CASE WHEN g % 10 < 7 THEN 'root' ELSE 'root.mail' END,
		    10, 0, 5, CASE WHEN g % 10 < 6 THEN 'orders.confirm' ELSE 'mail.send' END,
		    jsonb_build_object('orderId', g, 'customer', 'customer-' || (g % 5000), 'lines', jsonb_build_array(g % 7, g % 11)),
		    'Confirm order ' || g, CASE WHEN s.state = 'done' THEN 'ok' END,
		    f.finished - interval '2 s', f.finished - interval '1 s', f.finished - interval '1 s',
		    CASE WHEN s.state = 'done' THEN f.finished END, CASE WHEN s.state = 'cancelled' THEN f.finished END,
		    CASE WHEN s.state = 'done' THEN 40 + g % 200 END, 'node-1', 'web', f.finished + interval '30 days'
		FROM generate_series(1, $ROWS) g
		CROSS JOIN LATERAL (SELECT (date '$DAY' + $d)::timestamptz - interval '30 days'
		    + (g - 0.5) * (interval '1 day' / $ROWS) AS finished) f
		CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 93 THEN 'done' ELSE 'cancelled' END AS state) s"
done
echo "copying into retention_copy ($(date -u +%T))"
q -c "SET synchronous_commit = off; SET maintenance_work_mem = '256MB';
	CREATE TABLE retention_copy (LIKE queue_job_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
	INSERT INTO retention_copy SELECT * FROM queue_job_history ORDER BY date_expires;
	CREATE INDEX retention_copy_expires_idx ON retention_copy (date_expires);
	CREATE INDEX retention_copy_uuid_idx ON retention_copy (uuid);
	CREATE INDEX retention_copy_graph_idx ON retention_copy (graph_uuid) WHERE graph_uuid IS NOT NULL;
	CREATE INDEX retention_copy_parents_idx ON retention_copy USING gin (parent_uuids);
	CREATE INDEX retention_copy_children_idx ON retention_copy USING gin (child_uuids);
	CREATE INDEX retention_copy_state_created_idx ON retention_copy (state, date_created, id) INCLUDE (channel, job_function);
	CREATE INDEX retention_copy_channel_idx ON retention_copy (channel, state, date_created, id) INCLUDE (job_function);
	CREATE INDEX retention_copy_function_idx ON retention_copy (job_function, state, date_created, id);
	CREATE INDEX retention_copy_date_done_idx ON retention_copy (state, date_done) INCLUDE (date_created)
	    WHERE date_done IS NOT NULL;
	CHECKPOINT" -c "VACUUM ANALYZE retention_copy" -c "VACUUM ANALYZE queue_job_history"

PART="queue_job_history_p${DAY//-/}"
size() { q -At -c "SELECT pg_size_pretty(pg_total_relation_size('$1'))"; }
EXPIRED=$(q -At -c "SELECT count(*) FROM $PART")
TOTAL=$(q -At -c "SELECT count(*) FROM retention_copy")
PART_SIZE=$(size "$PART")
HIST_SIZE=$(q -At -c "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits WHERE inhparent = 'queue_job_history'::regclass")
COPY_BEFORE=$(size retention_copy)
echo "load before timing: $(uptime)"
DROP_S=$(timed "DROP TABLE $PART")
DELETE_S=$(timed "DELETE FROM retention_copy WHERE date_expires < timestamptz '$DAY 00:00:00+00' + interval '1 day'")
VACUUM_S=$(timed "VACUUM retention_copy")
COPY_AFTER=$(size retention_copy)
LEFT=$(q -At -c "SELECT count(*) FROM retention_copy")
echo "load at end: $(uptime)"
echo
echo "expired day $DAY: $EXPIRED jobs; the history: $DAYS day partitions, $HIST_SIZE with indexes ($PART_SIZE the day)"
echo "retention_copy: $TOTAL jobs, $COPY_BEFORE with indexes before, $COPY_AFTER after ($LEFT jobs left)"
printf '%-52s %10s\n' "operation" "seconds"
printf '%-52s %10.2f\n' "DROP TABLE of the day's partition" "$DROP_S"
printf '%-52s %10.2f\n' "DELETE of the day's jobs from retention_copy" "$DELETE_S"
printf '%-52s %10.2f\n' "VACUUM retention_copy" "$VACUUM_S"
printf '%-52s %10.2f\n' "DELETE + VACUUM" "$(echo "$DELETE_S + $VACUUM_S" | bc)"
