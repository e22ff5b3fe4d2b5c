#!/usr/bin/env bash
# Measures what the dependency phase costs when its cache is warm: the same Node project (20 devDependencies from
# a registry served in the test) evaluated with the phase (a cache hit: no container, no request) and without it,
# alternating, in one run; prints both medians, the difference and the ratio (goal: difference <= 0.3 s).
# Not part of the normal test run. Needs Docker, the images from scripts/sandbox-images.sh and the deps network
# (scripts/services.sh deps-network).
#
# Usage: bench/deps-cache.sh [REPS]   (alternating runs of each kind, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."

export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_CHECKS_DISABLE=true
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ./mvnw -B -o test -Dtest=DepsCacheBenchmark -Dbench.reps="${1:-10}" -DtrimStackTrace=false >"$log" 2>&1; then
  sed -n '/=== Deps cache hit/,/^\[INFO\]/p' "$log" | grep -v '^\[INFO\]'
else
  tail -n 60 "$log" >&2
  exit 1
fi
