#!/usr/bin/env bash
# Proves the suite does not depend on the machine's date: runs the Vitest suite with the machine clock
# moved by Debian's faketime to several dates (month end, leap day, a year ahead). The app clock is pinned
# by tests/setup/clock.ts, so every run must give the same result.
#   bash scripts/test-dates.sh                  # default dates
#   bash scripts/test-dates.sh "2031-07-01 23:59:00"
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq faketime >/dev/null
fi
npm run -s db:generate >/dev/null
dates=("$@")
[ ${#dates[@]} -eq 0 ] && dates=("2026-12-31 23:30:00" "2028-02-29 12:00:00" "2027-07-15 03:00:00")
export FAKETIME_DONT_FAKE_MONOTONIC=1
for d in "${dates[@]}"; do
  printf '\n=== machine clock at %s ===\n' "$d"
  log="$(mktemp)"
  # shellcheck disable=SC2086
  if ! faketime "$d" npx vitest run ${VITEST_ARGS:-} >"$log" 2>&1; then
    tail -40 "$log"; echo "FAILED at machine date $d"; exit 1
  fi
  grep -E "Test Files|Tests  " "$log"
done
echo "suite passed at ${#dates[@]} machine dates"
