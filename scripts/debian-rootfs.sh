# Sourced by the image scripts: a minimal Debian root file system built with debootstrap (no registry needed).
# Needs SELFCODE_HOME (debootstrap's package cache lives under it) and MIRROR.

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
