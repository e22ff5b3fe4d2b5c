# Sourced by the image scripts: a minimal Debian root file system built with debootstrap (no registry needed),
# and the wait for builds run side by side. Needs SELFCODE_HOME (debootstrap's package cache lives under it),
# MIRROR, and a log function.

# rootfs DIR PACKAGES [SUITE]: a minimal Debian (default bookworm) with PACKAGES, without what a container never
# reads (apt lists and caches, logs, docs, man pages, locales).
rootfs() {
  local dir=$1 include=$2 suite=${3:-bookworm} cache
  cache=$SELFCODE_HOME/debootstrap-cache/$(basename "$dir")
  mkdir -p "$cache"
  debootstrap --variant=minbase ${include:+--include="$include"} --cache-dir="$cache" "$suite" "$dir" "$MIRROR"
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/* "$dir"/var/log/* \
    "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/*
}

# wait_builds: waits for the background image builds the caller started, its arrays pids[i] and names[i]
# ("KIND:IMAGE", each logging to $work/KIND.log); logs each image's size, or the tail of the log of one that failed.
# Returns 1 when any failed.
wait_builds() {
  local i kind image failed=0
  for i in "${!pids[@]}"; do
    kind=${names[$i]%%:*} image=${names[$i]#*:}
    if wait "${pids[$i]}"; then
      log "built $image ($(docker image inspect -f '{{.Size}}' "$image" | numfmt --to=iec))"
    else
      log "building $image failed; last lines of its log:"
      tail -n 25 "$work/$kind.log" >&2
      failed=1
    fi
  done
  return $failed
}
