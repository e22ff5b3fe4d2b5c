#!/usr/bin/env bash
# Code search benchmarks of issue 10: (b) scoredSnippets over 100,000 code records (p50/p90/p99, each query embedded
# by the real model) beside the old word-overlap search over the same rows; (c) embedding throughput (chunks/s)
# indexing a generated 5,000-file repository, beside re-indexing it unchanged and after a one-file edit.
# Goals: (b) p50 <= 20 ms, p99 <= 100 ms. Needs MariaDB (scripts/services.sh db). Not part of the normal test run.
#
# Usage: bench/code-search.sh [RECORDS] [FILES]   (defaults 100000 and 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
export SELFCODE_TEST_DB_URL=${SELFCODE_TEST_DB_URL:-jdbc:mariadb://127.0.0.1:3306/selfcode_test}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ./mvnw -B -o test -Dtest=CodeSearchBenchmark -Dbench.records="${1:-100000}" -Dbench.files="${2:-5000}" \
    -DtrimStackTrace=false >"$log" 2>&1; then
  sed -n '/=== Code search/,/^\[INFO\]/p' "$log" | grep -v '^\[INFO\]'
else
  grep -A3 '=== Code search' "$log" || true
  tail -n 60 "$log" >&2
  exit 1
fi
