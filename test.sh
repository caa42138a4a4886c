#!/usr/bin/env bash
# The project's test command: makes sure what the tests need is there, then runs `mvn -B verify`
# (extra arguments are passed to Maven).
#
# The tests need a PostgreSQL (QUEUE_JOB_TEST_JDBC_URL, else a Docker engine for Testcontainers, else
# the local server at 127.0.0.1:5432 as user postgres without a password) and, for the dashboard's
# browser tests, /usr/bin/chromium and /usr/bin/chromedriver, and, for the tests through a connection
# pooler, /usr/sbin/pgbouncer. On Debian as root this script installs
# and starts what is missing; elsewhere it says exactly what is missing and stops.
set -euo pipefail
cd "$(dirname "$0")"

missing() {
  echo "test.sh: $1" >&2
  exit 1
}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_updated=false
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! $apt_updated; then
    apt-get update -q
    apt_updated=true
  fi
  apt-get install -y -q "$@"
}

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

docker_available() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

ensure_postgresql() {
  if [ -n "${QUEUE_JOB_TEST_JDBC_URL:-}" ]; then
    echo "test.sh: PostgreSQL: $QUEUE_JOB_TEST_JDBC_URL (QUEUE_JOB_TEST_JDBC_URL)"
    return
  fi
  if docker_available; then
    echo "test.sh: PostgreSQL: a Testcontainers container (a Docker engine answers)"
    return
  fi
  if ! pg_ready; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
      can_install || missing "no PostgreSQL: no server answers at 127.0.0.1:5432, QUEUE_JOB_TEST_JDBC_URL is not set and no Docker engine answers. Start a PostgreSQL 13 or later there (user postgres, trust authentication on 127.0.0.1), set QUEUE_JOB_TEST_JDBC_URL, or run this script as root on Debian to install one."
      echo "test.sh: PostgreSQL is not installed: installing it"
      apt_install postgresql postgresql-client
    fi
    echo "test.sh: PostgreSQL is not running: starting it"
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    pg_ready || missing "PostgreSQL did not start on 127.0.0.1:5432 (see /var/log/postgresql)"
  fi
  # the tests connect as postgres without a password, as on the project's machines
  if command -v psql >/dev/null 2>&1 && ! psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] && ls /etc/postgresql/*/main/pg_hba.conf >/dev/null 2>&1 \
      || missing "cannot connect to 127.0.0.1:5432 as postgres without a password: allow trust authentication for 127.0.0.1 in pg_hba.conf, or set QUEUE_JOB_TEST_JDBC_URL, QUEUE_JOB_TEST_USERNAME and QUEUE_JOB_TEST_PASSWORD"
    echo "test.sh: allowing trust authentication for postgres on 127.0.0.1"
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$hba"
    done
    for version in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true; done
  fi
  echo "test.sh: PostgreSQL: 127.0.0.1:5432"
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return
  fi
  can_install || missing "the dashboard's browser tests need /usr/bin/chromium and /usr/bin/chromedriver: install them (Debian: apt-get install chromium chromium-driver) or run this script as root on Debian"
  echo "test.sh: Chromium or chromedriver is not installed: installing them for the dashboard's browser tests"
  apt_install chromium chromium-driver
}

ensure_pgbouncer() {
  if [ -x /usr/sbin/pgbouncer ]; then
    return
  fi
  can_install || missing "the tests through a connection pooler need /usr/sbin/pgbouncer: install it (Debian: apt-get install pgbouncer) or run this script as root on Debian"
  echo "test.sh: PgBouncer is not installed: installing it for the tests through a connection pooler"
  apt_install pgbouncer
  # the tests start their own PgBouncer; the package's service is not needed
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now pgbouncer >/dev/null 2>&1 || true; fi
}

command -v mvn >/dev/null 2>&1 || { can_install && apt_install maven; } || missing "Maven is not installed (Debian: apt-get install maven)"
command -v java >/dev/null 2>&1 || missing "no Java: the build needs a JDK 17 or later"
ensure_postgresql
ensure_chromium
ensure_pgbouncer
exec mvn -B verify "$@"
