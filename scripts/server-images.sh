#!/usr/bin/env bash
# Builds the server's container image (deploy/docker/Dockerfile) and, for machines that cannot pull from Docker Hub
# (this one), local stand-ins of the public images deploy/compose.yaml names, built from Debian with debootstrap:
#   selfcode/base:bookworm    for debian:bookworm-slim (the server image's base)
#   selfcode/mariadb:bookworm for mariadb:11.4 (Debian's MariaDB 10.11 with an entry point that reads the same
#                             MARIADB_* variables as the official image)
#
# Usage: scripts/server-images.sh [stand-ins|server|all] [--force]
#   stand-ins  the two stand-ins (kept when they exist, unless --force)
#   server     the server image from target/quarkus-app (./mvnw -B package -DskipTests first), always rebuilt
# Env:   SELFCODE_SERVER_IMAGE  default selfcode/server:dev
#        JDK_IMAGE              default selfcode/java:17 (scripts/sandbox-images.sh; any JDK 17 image with jmods)
#        BASE_IMAGE             default selfcode/base:bookworm
#        SELFCODE_HOME          default /var/cache/selfcode (debootstrap's package cache)
#        DEBIAN_MIRROR          default http://deb.debian.org/debian
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
what=all
force=false
for arg in "$@"; do
  case $arg in
    stand-ins | server | all) what=$arg ;;
    --force) force=true ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

SELFCODE_HOME=${SELFCODE_HOME:-/var/cache/selfcode}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SERVER_IMAGE=${SELFCODE_SERVER_IMAGE:-selfcode/server:dev}
JDK_IMAGE=${JDK_IMAGE:-selfcode/java:17}
BASE_IMAGE=${BASE_IMAGE:-selfcode/base:bookworm}
MARIADB_IMAGE=selfcode/mariadb:bookworm
PATH_ENV=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { printf '[server-images +%ss] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers 'docker info'"
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# build_base DIR / build_mariadb DIR: the rootfs of each stand-in, imported as its image.
build_base() {
  rootfs "$1" ""
  tar -C "$1" -c . | docker import -c "ENV PATH=$PATH_ENV" -c 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
}
build_mariadb() {
  rootfs "$1" mariadb-server,mariadb-client
  rm -rf "$1"/var/lib/mysql/*
  install -m 0755 "$here/stand-ins/mariadb-entrypoint.sh" "$1/usr/local/bin/docker-entrypoint.sh"
  tar -C "$1" -c . | docker import -c "ENV PATH=$PATH_ENV" -c 'EXPOSE 3306' -c 'VOLUME /var/lib/mysql' \
    -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' -c 'CMD ["mariadbd"]' - "$MARIADB_IMAGE" >/dev/null
}

# Builds the missing stand-ins in parallel (debootstrap is mostly waiting for the mirror).
stand_ins() {
  [[ $(id -u) == 0 ]] || die "run as root: debootstrap needs it"
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  source "$here/debian-rootfs.sh"
  local work pids=() names=()
  work=$(mktemp -d /var/tmp/selfcode-server-images.XXXXXX)
  for spec in "base:$BASE_IMAGE" "mariadb:$MARIADB_IMAGE"; do
    local kind=${spec%%:*} name=${spec#*:}
    if ! $force && image_exists "$name"; then
      log "$name exists (use --force to rebuild)"
      continue
    fi
    log "building $name"
    ("build_$kind" "$work/$kind") >"$work/$kind.log" 2>&1 &
    pids+=($!)
    names+=("$kind:$name")
  done
  if ! wait_builds; then
    rm -rf "$work"
    die "some images could not be built"
  fi
  rm -rf "$work"
}

server() {
  cd "$here/.."
  [[ -f target/quarkus-app/quarkus-run.jar ]] || die "target/quarkus-app is missing: ./mvnw -B package -DskipTests"
  image_exists "$JDK_IMAGE" || die "$JDK_IMAGE is missing (scripts/sandbox-images.sh builds it)"
  image_exists "$BASE_IMAGE" || die "$BASE_IMAGE is missing (scripts/server-images.sh stand-ins builds it)"
  log "building $SERVER_IMAGE from $BASE_IMAGE (runtime from $JDK_IMAGE)"
  # The legacy builder, which every engine has; the Dockerfile needs no network (no package installs).
  local out
  out=$(mktemp)
  if ! DOCKER_BUILDKIT=0 docker build --force-rm --network none -f deploy/docker/Dockerfile --build-arg "JDK_IMAGE=$JDK_IMAGE" \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$SERVER_IMAGE" . >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    rm -f "$out"
    die "docker build failed"
  fi
  rm -f "$out"
  log "built $SERVER_IMAGE ($(docker image inspect -f '{{.Size}}' "$SERVER_IMAGE" | numfmt --to=iec))"
}

case $what in
  stand-ins) stand_ins ;;
  server) server ;;
  all) stand_ins; server ;;
esac
