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
#   BENCH_OUT       folder for the result TSV (and, beside it, each repository's stdout and stderr),
#                   default target/bench-corpus
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
logs="$out_dir/corpus-$stamp"  # each repository's stdout and stderr, for the causes the table shortens

source bench/lib.sh
cleanup() {
  for data in "$work"/data*; do [[ -d "$data" ]] && stop_db "$data"; done
  rm -rf "$work"
}
trap cleanup EXIT

# Ids of Selfcode's sandbox containers (label set by sandbox.HardenedContainer), sorted.
sandboxes() {
  docker ps -aq --no-trunc --filter label=dev.selfcode.sandbox 2>/dev/null | sort || true
}

# Reads the launcher's stdout/stderr/exit code and prints one TSV row's result fields:
# measured status passed failed errored skipped runner cause
summarise() {
  python3 - "$@" <<'PY'
import json, sys
out, err, rc, limit, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
def one_line(text, n=300):
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."
# The object may follow other lines and may span several (pretty-printed): take the last one that parses.
text = open(out, errors="replace").read()
obj = None
starts = [i for i in range(len(text)) if text[i] == "{" and (i == 0 or text[i - 1] == "\n")]
for i in reversed(starts):
    try:
        candidate, _ = json.JSONDecoder().raw_decode(text[i:])
    except ValueError:
        continue
    if isinstance(candidate, dict):
        obj = candidate
        break
err_lines = [l.strip() for l in open(err, errors="replace").read().splitlines() if l.strip()]
# Prefer the lines that say what went wrong over a usage text or a log's last lines.
flagged = [l for l in err_lines if any(w in l.lower() for w in ("error", "exception", "unknown", "unmatched",
                                                                   "missing", "cannot", "failed", "refused"))]
err_tail = (flagged or err_lines)[-3:]
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

# A build without the measure command would fail every row for the same reason: say so once instead.
mkdir -p "$work/data-probe"
if ! SELFCODE_DATA_DIR="$work/data-probe" "$launcher" measure --help >"$work/probe.out" 2>&1 </dev/null ||
  ! grep -q '^Usage: selfcode measure' "$work/probe.out"; then
  echo "$launcher has no working 'measure' command (build this checkout: ./mvnw -B -q package -DskipTests):" >&2
  head -n 3 "$work/probe.out" >&2
  exit 1
fi
stop_db "$work/data-probe"

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
  log="$logs/${repo/\//+}"
  mkdir -p "$log"
  if [[ ! -d "$dir/.git" ]]; then
    result=$'no\t-\t-\t-\t-\t-\t-\tnot in the corpus folder (run bench/corpus/mirror.sh)'
    seconds=0
    rc=-
  else
    before="$(sandboxes)"
    start=$(date +%s.%N)
    set +e
    SELFCODE_DATA_DIR="$data" timeout -k 30 "$limit" "$launcher" measure --repo "$dir" --json \
      >"$log/stdout" 2>"$log/stderr" </dev/null
    rc=$?
    set -e
    seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    result="$(summarise "$log/stdout" "$log/stderr" "$rc" "$limit" "$seconds")"
    if [[ "$rc" == 124 || "$rc" == 137 ]]; then
      # A stopped launcher cannot remove its sandbox. Name the ones that appeared during this run rather than
      # remove them: on a shared machine another Selfcode may have started some of them.
      left="$(comm -13 <(echo "$before") <(sandboxes) | cut -c1-12 | tr '\n' ' ')"
      [[ -n "${left// /}" ]] && echo "$repo: sandbox containers that appeared during the time-out (yours to remove if no other Selfcode runs): $left" >&2
    fi
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
echo "rows: $tsv (output of each run: $logs/)"
