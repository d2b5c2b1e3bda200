#!/usr/bin/env bash
# The integration suite on PostgreSQL (issue 15 item 7): starts a throw-away cluster on 127.0.0.1 with
# Debian's postgresql (installed by scripts/pg-cluster.sh when missing), runs every integration test file
# except the SQLite-only ones (tests/setup/postgres-exclusions.ts, each with its reason) against it, and
# stops the cluster whatever happens. Usage: scripts/test-postgres.sh [vitest args…]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${PG_CLUSTER_DIR:-${TMPDIR:-/tmp}/bermitra-pg-test}"
port="${PG_PORT:-55433}"
mkdir -p tests/.tmp
trap 'bash scripts/pg-cluster.sh stop "$dir" "$port" || true' EXIT
base="$(bash scripts/pg-cluster.sh start "$dir" "$port")"
export TEST_POSTGRES_URL="$base"
export TEST_TMP_DIR="${TEST_TMP_DIR:-tests/.tmp/pg}"
if [ "$#" -eq 0 ]; then set -- tests/integration; fi
npx vitest run "$@"
