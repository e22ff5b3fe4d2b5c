#!/usr/bin/env bash
# Success rate: how many repositories of the corpus Selfcode can measure at their base from a fresh data folder
# (measured = `selfcode measure` exits 0: deps installed, checks ran, numbers recorded, whatever the tests'
# verdict; goal >= 80%), and why the rest fail. The corpus and how it was chosen: bench/corpus/README.md.
# Not part of the normal test run. Needs Docker, the sandbox images and a built jar (./mvnw -B -q package
# -DskipTests); the deps phase reaches the package registries.
#
# Usage: bench/corpus.sh [CORPUS_DIR]
#   CORPUS_DIR      the folder bench/corpus/mirror.sh built, default $SELFCODE_CORPUS_DIR, else /work/corpus
#   SELFCODE        the launcher, default bin/selfcode of this checkout
#   BENCH_TIMEOUT   seconds per repository, default 900 (then the launcher is stopped: TERM, KILL 30 s later)
#   BENCH_OUT       folder for the result TSV, default target/bench-corpus
#   BENCH_ONLY      a regular expression: measure only the repositories whose OWNER/NAME matches
#   BENCH_FRESH_EACH=1  a new data folder for every repository (default: one new data folder for the whole run,
#                   as a new user has; later repositories may then reuse what earlier ones cached)
#   CORPUS_TSV      the list, default bench/corpus/corpus.tsv
# Prints one row per repository, then "measured K of N (P%)"; exits 0 whatever the rate (1 on a usage error).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-${SELFCODE_CORPUS_DIR:-/work/corpus}}"
launcher="$(realpath "${SELFCODE:-bin/selfcode}")"
limit="${BENCH_TIMEOUT:-900}"
out_dir="${BENCH_OUT:-target/bench-corpus}"
list="${CORPUS_TSV:-bench/corpus/corpus.tsv}"
only="${BENCH_ONLY:-}"
[[ -d "$corpus" ]] || { echo "no corpus folder $corpus: build it with bench/corpus/mirror.sh" >&2; exit 1; }
[[ -x "$launcher" ]] || { echo "no launcher $launcher" >&2; exit 1; }
[[ -f "$list" ]] || { echo "no list $list" >&2; exit 1; }

export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_CHECKS_DISABLE=true
unset QUARKUS_DATASOURCE_JDBC_URL
# Under $HOME, not /tmp (older builds lost data there); removed at the end.
work="$(mktemp -d "$HOME/selfcode-corpus.XXXXXX")"
mkdir -p "$out_dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
tsv="$out_dir/corpus-$stamp.tsv"

# Stops the embedded database a data folder's keeper left running (a no-op for builds that keep none).
stop_db() {
  local pidfile="$1/mariadb/keeper.pid"
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "the database keeper $pid did not stop" >&2
}
cleanup() {
  for data in "$work"/data*; do [[ -d "$data" ]] && stop_db "$data"; done
  rm -rf "$work"
}
trap cleanup EXIT

# Reads the launcher's stdout/stderr/exit code and prints one TSV row's result fields:
# measured status passed failed errored skipped runner cause
summarise() {
  python3 - "$@" <<'PY'
import json, sys
out, err, rc, limit, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
def one_line(text, n=300):
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."
obj = None
for line in reversed(open(out, errors="replace").read().splitlines()):
    line = line.strip()
    if line.startswith("{"):
        try:
            obj = json.loads(line)
            break
        except ValueError:
            pass
err_tail = [l for l in open(err, errors="replace").read().splitlines() if l.strip()][-3:]
o = obj or {}
num = lambda k: str(o.get(k, "")) if isinstance(o.get(k), (int, float)) else "-"
measured = rc == 0 and o.get("measured") is True
if rc in (124, 137) and seconds >= float(limit) - 1:
    cause = f"time-out: still running after the limit of {limit} s (BENCH_TIMEOUT)"
elif measured:
    cause = o.get("cause") or ""
elif obj is not None:
    cause = f"{o.get('status', '?')}: " + (o.get("cause") or f"exit {rc}, no cause given")
elif err_tail:
    cause = f"exit {rc}, no JSON; stderr: " + " | ".join(err_tail)
else:
    cause = f"exit {rc}, no JSON and nothing on stderr"
if not measured and rc == 0 and obj is not None:
    cause = "exit 0 but measured=false: " + cause
status = o.get("status", "-") if obj is not None else "-"
print("\t".join([
    "yes" if measured else "no", str(status), num("passed"), num("failed"), num("errored"), num("skipped"),
    str(o.get("runner") or "-"), one_line(str(cause)).replace("\t", " ")]))
PY
}

printf 'repo\tlanguage\tcommit\tmeasured\tstatus\tpassed\tfailed\terrored\tskipped\trunner\tseconds\texit\tcause\n' >"$tsv"
printf '%-30s %-5s %-8s %7s %7s %8s  %s\n' repo lang measured passed failed seconds cause
n=0
k=0
while IFS=$'\t' read -r repo language commit _; do
  [[ -z "$repo" || "$repo" == \#* || "$repo" == repo ]] && continue
  [[ -n "$only" && ! "$repo" =~ $only ]] && continue
  n=$((n + 1))
  dir="$corpus/${repo/\//+}"
  if [[ "${BENCH_FRESH_EACH:-0}" == 1 ]]; then
    data="$work/data$n"
  else
    data="$work/data"
  fi
  mkdir -p "$data"
  log="$work/log$n"
  mkdir -p "$log"
  if [[ ! -d "$dir/.git" ]]; then
    result=$'no\t-\t-\t-\t-\t-\t-\tnot in the corpus folder (run bench/corpus/mirror.sh)'
    seconds=0
    rc=-
  else
    start=$(date +%s.%N)
    set +e
    SELFCODE_DATA_DIR="$data" timeout -k 30 "$limit" "$launcher" measure --repo "$dir" --json \
      >"$log/stdout" 2>"$log/stderr" </dev/null
    rc=$?
    set -e
    seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    result="$(summarise "$log/stdout" "$log/stderr" "$rc" "$limit" "$seconds")"
  fi
  IFS=$'\t' read -r measured status passed failed errored skipped runner cause <<<"$result"
  [[ "$measured" == yes ]] && k=$((k + 1))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$repo" "$language" "$commit" "$measured" \
    "$status" "$passed" "$failed" "$errored" "$skipped" "$runner" "$seconds" "$rc" "$cause" >>"$tsv"
  printf '%-30s %-5s %-8s %7s %7s %8s  %s\n' "$repo" "$language" "$measured" "$passed" "$failed" "$seconds" "$cause"
  [[ "${BENCH_FRESH_EACH:-0}" == 1 ]] && stop_db "$data"
done <"$list"

if ((n == 0)); then
  echo "no repository in $list${only:+ matches $only}" >&2
  exit 1
fi
summary="measured $k of $n ($(awk -v k="$k" -v n="$n" 'BEGIN { printf "%.0f", 100 * k / n }')%)"
printf '# %s\n' "$summary" >>"$tsv"
echo "$summary"
echo "rows: $tsv"
