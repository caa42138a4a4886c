#!/usr/bin/env bash
# Runs the queue-job benchmarks against the local PostgreSQL (see README, "Performance").
#   bench/run.sh            every workload, the reference queue, the table
#   bench/run.sh plans      EXPLAIN (ANALYZE, BUFFERS) of the runner's and workers' queries at 1M rows,
#                           and those of list-plans
#   bench/run.sh list-plans the job list and counts per filter at 1M rows (bench/plans/list-*, counts-*)
#   bench/run.sh history-plans [--history-rows N]
#                           the plans of plans with an empty and a 10M-job queue_job_history
#                           (bench/plans/history-empty-*, history-10m-*, history-summary.txt), whether
#                           their shapes differ, the autovacuum's history cycle (move 10,000, drop a
#                           day) and the job list's first page in both cases; 6 minutes quiet
#   bench/history/retention.sh  (psql) DROP of a 1M-job day partition against DELETE + VACUUM
#   bench/run.sh W1 W3 --reps 5   some workloads only (REF W1 W1D W2 W3 W4 W5 FLOW)
#   bench/run.sh W5               1, 2 and 3 worker nodes, each a JVM of its own, on one database: jobs/s,
#                                 the database server's CPU (read from /proc: the server must be local)
#   bench/run.sh FLOW             a runner round with rate and per-key limits on 100,000 pending jobs
# Server: BENCH_JDBC_URL (default jdbc:postgresql://127.0.0.1:5432/postgres), BENCH_USER (postgres),
# BENCH_PASSWORD. The script installs the project (mvn install -DskipTests in the root) and builds the
# bench first; BENCH_SKIP_BUILD=1 skips that, BENCH_MVN_OPTS adds Maven options (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
	(cd .. && mvn -B -q ${BENCH_MVN_OPTS:-} install -DskipTests -Dspring-javaformat.skip=true)
	mvn -B -q ${BENCH_MVN_OPTS:-} package -DskipTests
fi
exec java -Xms1g -Xmx1g -XX:+UseG1GC -cp "target/classes:target/lib/*" io.queuejob.bench.Bench "$@"
