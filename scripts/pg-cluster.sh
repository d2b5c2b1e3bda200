#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for tests and benchmarks (issue 15): Debian's postgresql
# (installed with apt when missing), initdb + pg_ctl as the postgres user (initdb refuses root), trust
# authentication on loopback only. Usage: scripts/pg-cluster.sh start|stop|crash [DIR] [PORT]
# (crash: `pg_ctl -m immediate`, the server's processes quit without a checkpoint; the next start recovers
# from the WAL, as after a crash of the database server; used by tests/integration/crash-postgres.test.ts)
# Prints the DATABASE_URL base (postgresql://postgres@127.0.0.1:PORT) on start.
set -euo pipefail
action="${1:-start}"
dir="${2:-${PG_CLUSTER_DIR:-/tmp/bermitra-pg}}"
port="${3:-${PG_PORT:-55432}}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ]; then
  echo "[pg] installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) >&2
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
case "$action" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = "0" ] && chown postgres "$dir"
      as_postgres "$bin/initdb -D '$dir' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    as_postgres "$bin/pg_ctl -D '$dir' -l '$dir/server.log' -w -o \"-k '$dir' -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port"
    ;;
  stop)
    [ -f "$dir/PG_VERSION" ] && as_postgres "$bin/pg_ctl -D '$dir' -m fast -w stop" >/dev/null || true
    ;;
  crash)
    [ -f "$dir/PG_VERSION" ] && as_postgres "$bin/pg_ctl -D '$dir' -m immediate -w stop" >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop|crash [DIR] [PORT]" >&2; exit 2 ;;
esac
