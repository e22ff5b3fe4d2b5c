#!/usr/bin/env bash
# Measures what the sandbox costs: the same pytest suite run directly on the host and through Sandbox.evaluate
# (wall-time ratio, target <= 1.15), and the fixed overhead of one sandbox run (target <= 0.5 s).
# Not part of the normal test run. Needs Docker, the images from scripts/sandbox-images.sh, and Debian's
# python3-pytest on the host (installed here when missing and run as root), which matches the image's
# Python 3.11.2 and pytest 7.2.1 so that both sides run the same interpreter and test runner.
#
# Usage: bench/sandbox-overhead.sh [REPS]   (REPS per long suite, default 3; the trivial suite runs 10)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import pytest' 2>/dev/null; then
  [[ $(id -u) == 0 ]] || { echo "install python3-pytest (apt) for the host side" >&2; exit 1; }
  apt-get install -y -qq python3-pytest >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq python3-pytest >/dev/null; }
fi

export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_CHECKS_DISABLE=true
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ./mvnw -B test -Dtest=SandboxOverheadBenchmark -Dbench.reps="${1:-3}" -DtrimStackTrace=false >"$log" 2>&1; then
  sed -n '/=== Sandbox overhead/,/^\[INFO\]/p' "$log" | grep -v '^\[INFO\]'
else
  tail -n 60 "$log" >&2
  exit 1
fi
