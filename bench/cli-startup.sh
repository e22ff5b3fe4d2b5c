#!/usr/bin/env bash
# Measures how long a CLI call takes with the embedded database: `history` when the database must start first
# (cold), `history` when it is already running (warm), and `apply --generator template` on a tiny Python project
# whose tests take about 1 s (warm). Prints the median, min and max of RUNS calls each.
# Not part of the normal test run. `apply` needs Docker and the sandbox images (scripts/sandbox-images.sh).
#
# Usage: bench/cli-startup.sh [LAUNCHER] [RUNS]
#   LAUNCHER  the command users run, default bin/selfcode (which finds target/quarkus-app beside it). To compare
#             with another commit, build it in a temporary clone and pass that clone's bin/selfcode:
#               git clone -q --branch main . /tmp/selfcode-main && (cd /tmp/selfcode-main && ./mvnw -B -q package -DskipTests)
#               bench/cli-startup.sh /tmp/selfcode-main/bin/selfcode
#   RUNS      calls per figure, default 5
# The data folder is a fresh one under $HOME (not under /tmp: older builds lost data there), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher="$(realpath "${1:-bin/selfcode}")"
runs="${2:-5}"
[[ -x "$launcher" ]] || { echo "no launcher $launcher" >&2; exit 1; }

export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_CHECKS_DISABLE=true
work="$(mktemp -d "$HOME/selfcode-bench.XXXXXX")"
export SELFCODE_DATA_DIR="$work/data"
unset QUARKUS_DATASOURCE_JDBC_URL

selfcode() {
  "$launcher" "$@"
}

# Stops a shared embedded database left running by a build that keeps one (a no-op for builds that do not).
source bench/lib.sh
trap 'stop_db "$SELFCODE_DATA_DIR" || exit 1; rm -rf "$work"' EXIT

# A project whose one test sleeps 1 s.
repo="$work/slow1s"
mkdir -p "$repo/.github"
cat >"$repo/textutils.py" <<'EOF'
import re


def collapse_spaces(text):
    return re.sub(r"\s+", " ", text).strip()
EOF
cat >"$repo/test_textutils.py" <<'EOF'
import time

from textutils import collapse_spaces


def test_collapse_spaces():
    time.sleep(1)
    assert collapse_spaces("  a \t b ") == "a b"
EOF
echo 'test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml' >"$repo/.github/selfcode.yml"
git -C "$repo" init -q -b main
git -C "$repo" add .
git -C "$repo" -c user.name=bench -c user.email=bench@example.invalid commit -q -m init

# Prints the seconds one call takes, or "failed" (with the output's tail on stderr) on an unexpected exit code
# (0 kept and 3 reverted are both fine for apply).
timed() {
  local out="$work/out" t0 t1 rc=0
  t0=$(date +%s.%N)
  selfcode "$@" >"$out" 2>&1 || rc=$?
  t1=$(date +%s.%N)
  if [[ $rc != 0 && $rc != 3 ]] || grep -q -E '^\s+at |Exception' "$out"; then
    echo "selfcode $* exited $rc:" >&2
    tail -n 15 "$out" >&2
    echo failed
    return
  fi
  echo "$t1 - $t0" | bc -l
}

report() {
  local label="$1"; shift
  local ok failed
  ok="$(printf '%s\n' "$@" | grep -v failed | sort -g || true)"
  failed="$(printf '%s\n' "$@" | grep -c failed || true)"
  if [[ -z "$ok" ]]; then
    printf '%-32s every one of %d runs failed\n' "$label" "$#"
    return
  fi
  printf '%-32s median %6.2f s   min %6.2f   max %6.2f   (%d runs, %d failed)\n' "$label" \
    "$(awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}' <<<"$ok")" \
    "$(head -n1 <<<"$ok")" "$(tail -n1 <<<"$ok")" "$#" "$failed"
}

echo "launcher: $launcher ($(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg))"
echo "first call (unpacks and installs the database): $(timed history) s"

cold=()
for _ in $(seq 1 "$runs"); do
  stop_db "$SELFCODE_DATA_DIR"
  cold+=("$(timed history)")
done
warm=()
for _ in $(seq 1 "$runs"); do
  warm+=("$(timed history)")
done
apply=()
for i in $(seq 1 "$runs"); do
  apply+=("$(timed apply --repo "$repo" --file textutils.py --generator template "normalize text $i")")
done

report "history, database cold" "${cold[@]}"
report "history, database warm" "${warm[@]}"
report "apply, 1-s tests, database warm" "${apply[@]}"
