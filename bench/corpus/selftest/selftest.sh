#!/usr/bin/env bash
# Checks bench/corpus.sh against fake-selfcode on a tiny corpus made here: every outcome of the measure
# contract (measured, pretty-printed JSON, measured with failing tests, exit 1 with a cause, exit 2, a crash without JSON, a time-out,
# a repository missing from the folder) lands in the right column. Needs no Docker and no build.
# Usage: bench/corpus/selftest/selftest.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf 'repo\tlanguage\tcommit\twhy\n' >"$tmp/corpus.tsv"
for b in ok pretty failing deps bad crash hang; do
  mkdir -p "$tmp/corpus/fake+$b"
  git -C "$tmp/corpus/fake+$b" init -q
  echo "$b" >"$tmp/corpus/fake+$b/behaviour"
  printf 'fake/%s\tnode\t-\ttest\n' "$b" >>"$tmp/corpus.tsv"
done
printf 'fake/absent\tjava\t-\ttest\n' >>"$tmp/corpus.tsv"
SELFCODE="$here/fake-selfcode" BENCH_TIMEOUT=3 BENCH_OUT="$tmp/out" CORPUS_TSV="$tmp/corpus.tsv" \
  "$here/../../corpus.sh" "$tmp/corpus" >"$tmp/printed"
cat "$tmp/printed"
rows="$(ls "$tmp"/out/corpus-*.tsv)"
fail=0
expect() { # repo column value
  local got
  got="$(awk -F'\t' -v r="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } $1 == r { print $col[c] }' "$rows")"
  if [[ "$got" != $3 ]]; then echo "FAIL $1 $2: expected '$3', got '$got'"; fail=1; fi
}
expect fake/ok measured yes; expect fake/ok passed 12; expect fake/ok runner node:test
expect fake/pretty measured yes; expect fake/pretty failed 1; expect fake/pretty runner jest
expect fake/failing measured yes; expect fake/failing failed 3; expect fake/failing status TESTS_FAILED
expect fake/deps measured no; expect fake/deps cause 'DEPS_FAILED: npm ci: registry.example refused by the proxy'; expect fake/deps exit 1
expect fake/bad measured no; expect fake/bad exit 2; expect fake/bad cause 'BAD_INPUT: no test command could be inferred*'
expect fake/crash measured no; expect fake/crash cause '*IllegalStateException: boom*'
expect fake/hang measured no; expect fake/hang cause 'time-out*'
expect fake/absent measured no; expect fake/absent cause 'not in the corpus folder*'
grep -qx 'measured 3 of 8 (38%)' "$tmp/printed" || { echo "FAIL summary line"; fail=1; }
grep -qx '# measured 3 of 8 (38%)' "$rows" || { echo "FAIL summary in the TSV"; fail=1; }
((fail == 0)) && echo "selftest: ok"
exit $fail
