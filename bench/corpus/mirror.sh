#!/usr/bin/env bash
# Builds the success-rate corpus folder: one work tree per row of corpus.tsv, checked out at the recorded commit,
# from the git directories that the search tool's `fetch` brought here (see README.md beside this script).
# Never run inside the Selfcode checkout: the corpus is public code that is not ours and is never committed.
#
# Usage: bench/corpus/mirror.sh [CORPUS_DIR]
#   CORPUS_DIR   default $SELFCODE_CORPUS_DIR, else /work/corpus
#   MIRROR_ROOT  where fetched git directories are, default /work/.mirror (layout: OWNER+NAME/repo[/.git])
#   CORPUS_TSV   the list, default corpus.tsv beside this script
# Each repository is cloned anew into CORPUS_DIR/OWNER+NAME on branch `corpus` (what was there before is removed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="${1:-${SELFCODE_CORPUS_DIR:-/work/corpus}}"
mirrors="${MIRROR_ROOT:-/work/.mirror}"
list="${CORPUS_TSV:-$here/corpus.tsv}"
checkout="$(git -C "$here" rev-parse --show-toplevel)"

mkdir -p "$corpus"
corpus="$(cd "$corpus" && pwd -P)"
case "$corpus/" in
  "$(cd "$checkout" && pwd -P)"/*) echo "mirror.sh: $corpus is inside the Selfcode checkout; put the corpus outside it" >&2; exit 2 ;;
esac

missing=0
while IFS=$'\t' read -r repo language commit _; do
  [[ -z "$repo" || "$repo" == \#* || "$repo" == repo ]] && continue
  name="${repo/\//+}"
  src="$mirrors/$name/repo"
  [[ -d "$src/.git" ]] && src="$src/.git"
  dest="$corpus/$name"
  if [[ ! -d "$src" ]]; then
    echo "MISSING  $repo: bring it here first (search tool: fetch github:$repo), then run this again" >&2
    missing=$((missing + 1))
    continue
  fi
  if ! git --git-dir="$src" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "MISSING  $repo: the fetched snapshot lacks commit $commit (a newer snapshot? re-apply RULE.md)" >&2
    missing=$((missing + 1))
    continue
  fi
  rm -rf "$dest"
  git clone -q --no-checkout "$src" "$dest"
  # A snapshot lacks files of 4 MiB and more. Where it does, the corpus gets one parentless commit whose tree is
  # the recorded commit's less those files, and no other ref: a clone of it (Selfcode clones the repository it
  # measures) then finds every object it needs. Elsewhere the recorded commit itself is checked out.
  absent="$(git -C "$dest" ls-tree -r -z "$commit" | python3 -c '
import subprocess, sys
entries = [e.split("\t", 1) for e in sys.stdin.read().split("\0") if e]
blobs = [(meta.split()[2], path) for meta, path in entries if meta.split()[1] == "blob"]
out = subprocess.run(["git", "-C", sys.argv[1], "cat-file", "--batch-check=%(objectname) %(objecttype)"], text=True,
                     capture_output=True, input="".join(sha + "\n" for sha, _ in blobs)).stdout.split("\n")
print("\n".join(path for (sha, path), line in zip(blobs, out) if line.endswith(" missing")))' "$dest")"
  # A snapshot can also lack objects of older commits only (JavaMoney/jsr354-api): then the history cannot be
  # cloned either, and the same parentless commit (with nothing left out) stands in for it.
  history_gap="$(git -C "$dest" rev-list --objects --missing=print "$commit" | grep -c '^?' || true)"
  head="$commit"
  if [[ -n "$absent" || "$history_gap" != 0 ]]; then
    index="$(mktemp)"
    GIT_INDEX_FILE="$index" git -C "$dest" read-tree "$commit"
    [[ -z "$absent" ]] || printf '%s\n' "$absent" | GIT_INDEX_FILE="$index" git -C "$dest" rm -q --cached --pathspec-from-file=-
    tree="$(GIT_INDEX_FILE="$index" git -C "$dest" write-tree)"
    rm -f "$index"
    when="$(git -C "$dest" log -1 --format=%cI "$commit")"  # the same date every time: the same commit id
    head="$(printf 'Tree of %s less the files the snapshot lacks (its history lacks %s objects):\n\n%s\n' \
      "$commit" "$history_gap" "$absent" |
      GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" git -C "$dest" -c user.name=corpus -c user.email=corpus@selfcode.invalid commit-tree "$tree")"
  fi
  git -C "$dest" -c advice.detachedHead=false checkout -q --force -B corpus "$head"
  if [[ "$head" != "$commit" ]]; then
    git -C "$dest" remote remove origin
    git -C "$dest" for-each-ref --format='%(refname)' | grep -vx refs/heads/corpus | while read -r ref; do
      git -C "$dest" update-ref -d "$ref"
    done
    git -C "$dest" reflog expire --expire=now --all
  fi
  note=""
  [[ "$head" != "$commit" ]] && note="  (commit $head = its tree, without history, less: $(echo "${absent:-nothing}" | tr '\n' ' '))"
  printf 'ok       %-32s %-5s %s%s\n' "$repo" "$language" "$commit" "$note"
done <"$list"

if ((missing > 0)); then
  echo "mirror.sh: $missing repositories missing; the corpus in $corpus is incomplete" >&2
  exit 1
fi
echo "corpus ready in $corpus"
