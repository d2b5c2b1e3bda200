#!/usr/bin/env bash
# Starts the built app for the end-to-end tests on a fresh, seeded database (E2E_DB).
set -euo pipefail
db="${E2E_DB:-tests/.tmp/e2e.db}"
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
rm -rf "${UPLOAD_DIR:-tests/.tmp/e2e-uploads}"
export DATABASE_URL="file:$db"
npx prisma migrate deploy >/dev/null
npx prisma db seed >/dev/null
# The e2e server is a demo run: it keeps the repository's demo secrets (see app/http/startup-checks.ts).
export BERMITRA_DEMO="${BERMITRA_DEMO:-1}"
# Like production: several web processes behind one port (server.ts, decision 100); the specs cross them.
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
exec npx tsx server.ts
