#!/usr/bin/env bash
# The integration suite on PostgreSQL (issue 15 item 7): starts a throw-away cluster on 127.0.0.1 with
# Debian's postgresql (installed by scripts/pg-cluster.sh when missing), runs every integration test file
# except the SQLite-only ones (tests/setup/postgres-exclusions.ts, each with its reason) against it — among them
# tests/integration/two-instances.test.ts, two app processes on one database behind a proxy (decision 134) — then the
# crawl e2e (every main page of every role, both languages) against the built app on a PostgreSQL database,
# and stops the cluster whatever happens. Usage: scripts/test-postgres.sh [vitest args…] (with arguments:
# only those Vitest files, no e2e)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${PG_CLUSTER_DIR:-${TMPDIR:-/tmp}/bermitra-pg-test}"
port="${PG_PORT:-55433}"
mkdir -p tests/.tmp
trap 'bash scripts/pg-cluster.sh stop "$dir" "$port" || true' EXIT
base="$(bash scripts/pg-cluster.sh start "$dir" "$port")"
export TEST_POSTGRES_URL="$base"
export TEST_TMP_DIR="${TEST_TMP_DIR:-tests/.tmp/pg}"
if [ "$#" -eq 0 ]; then
  npx vitest run tests/integration
  # the smoke e2e on PostgreSQL: every main page of every role (the crawl), on the build test-all.sh made
  E2E_DATABASE_URL="${base%/}/bermitra_e2e" E2E_PORT="${E2E_PG_PORT:-3107}" E2E_DB=tests/.tmp/pg-e2e-unused.db \
    E2E_MAIL_DIR=tests/.tmp/pg-e2e-mail E2E_MESSAGE_DIR=tests/.tmp/pg-e2e-messages E2E_UPLOAD_DIR=tests/.tmp/pg-e2e-uploads \
    npx playwright test tests/e2e/crawl.spec.ts
else
  npx vitest run "$@"
fi
