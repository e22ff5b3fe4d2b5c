#!/usr/bin/env bash
# Sweep scheduler benchmark: the tick over 1,000 repositories with due-time rows in MariaDB (each on a daily cron,
# ticking every 30 s of simulated time), beside a trivial-query baseline measured alternately in the same run;
# prints p50/p90/p99, the ratio and the catch-up after a 2-day outage. Goal: tick p50 <= 50 ms.
# Needs MariaDB (scripts/services.sh db). Not part of the normal test run.
#
# Usage: bench/sweep-tick.sh [TICKS]   (default 400)
set -euo pipefail
cd "$(dirname "$0")/.."
export SELFCODE_TEST_DB_URL=${SELFCODE_TEST_DB_URL:-jdbc:mariadb://127.0.0.1:3306/selfcode_test}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ./mvnw -B -o test -Dtest=SweepTickBenchmark -Dbench.ticks="${1:-400}" -DtrimStackTrace=false >"$log" 2>&1; then
  sed -n '/=== Sweep tick/,/after a 2-day outage/p' "$log"
else
  tail -n 60 "$log" >&2
  exit 1
fi
