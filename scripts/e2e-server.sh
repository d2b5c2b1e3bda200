#!/usr/bin/env bash
# Starts the built app for the end-to-end tests on a fresh, seeded database: the SQLite file E2E_DB, or
# with E2E_DATABASE_URL=postgresql://…/name a PostgreSQL database of that name, dropped and created anew
# (scripts/test-postgres.sh runs the crawl this way).
set -euo pipefail
rm -rf "${UPLOAD_DIR:-tests/.tmp/e2e-uploads}"
if [[ "${E2E_DATABASE_URL:-}" =~ ^postgres(ql)?:// ]]; then
  name="${E2E_DATABASE_URL##*/}"
  admin="${E2E_DATABASE_URL%/*}/postgres"
  psql "$admin" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\""
  export DATABASE_URL="$E2E_DATABASE_URL"
else
  db="${E2E_DB:-tests/.tmp/e2e.db}"
  mkdir -p "$(dirname "$db")"
  rm -f "$db" "$db-wal" "$db-shm"
  export DATABASE_URL="file:$db"
fi
npx prisma migrate deploy >/dev/null
npx prisma db seed >/dev/null
# The e2e server is a demo run: it keeps the repository's demo secrets (see app/http/startup-checks.ts).
export BERMITRA_DEMO="${BERMITRA_DEMO:-1}"
# Like production: several web processes behind one port (server.ts, decision 100); the specs cross them.
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
exec npx tsx server.ts
