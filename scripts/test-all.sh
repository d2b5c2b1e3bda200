#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (npm packages, Debian's Chromium),
# then type check, lint, build, unit + integration tests (Vitest, the bundle-size test reads the build), the
# integration tests and the crawl e2e again on PostgreSQL, and end-to-end tests (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "install npm packages"
if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  step "install Chromium (Debian) for the browser tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

step "generate the Prisma client"
npm run -s db:generate >/dev/null

step "type check"
npx tsc -p .

step "lint"
npx eslint . --max-warnings=0

step "build"
npx remix build

step "unit and integration tests (Vitest)"
# the bundle-size test (tests/unit/bundle-size.test.ts) reads this build instead of making its own
BUNDLE_ASSETS_DIR=public/build npx vitest run

step "integration tests and the crawl on PostgreSQL (Debian's postgresql, a throw-away cluster on 127.0.0.1)"
# the same files minus the SQLite-only ones (tests/setup/postgres-exclusions.ts lists them with reasons),
# then the crawl e2e against the build above on a PostgreSQL database
bash scripts/test-postgres.sh

step "end-to-end tests (Playwright, Chromium)"
npx playwright test
