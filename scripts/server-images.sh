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

stand_ins() {
  [[ $(id -u) == 0 ]] || die "run as root: debootstrap needs it"
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  source "$here/debian-rootfs.sh"
  local work
  work=$(mktemp -d /var/tmp/selfcode-server-images.XXXXXX)
  trap 'rm -rf "$work"' RETURN
  if $force || ! image_exists "$BASE_IMAGE"; then
    log "building $BASE_IMAGE"
    rootfs "$work/base" "" >"$work/base.log" 2>&1 || { tail -n 25 "$work/base.log" >&2; die "debootstrap failed"; }
    tar -C "$work/base" -c . | docker import -c "ENV PATH=$PATH_ENV" -c 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
    log "built $BASE_IMAGE ($(docker image inspect -f '{{.Size}}' "$BASE_IMAGE" | numfmt --to=iec))"
  else
    log "$BASE_IMAGE exists (use --force to rebuild)"
  fi
  if $force || ! image_exists "$MARIADB_IMAGE"; then
    log "building $MARIADB_IMAGE"
    rootfs "$work/mariadb" mariadb-server,mariadb-client >"$work/mariadb.log" 2>&1 ||
      { tail -n 25 "$work/mariadb.log" >&2; die "debootstrap failed"; }
    rm -rf "$work"/mariadb/var/lib/mysql/*
    install -m 0755 "$here/stand-ins/mariadb-entrypoint.sh" "$work/mariadb/usr/local/bin/docker-entrypoint.sh"
    tar -C "$work/mariadb" -c . | docker import -c "ENV PATH=$PATH_ENV" -c 'EXPOSE 3306' \
      -c 'VOLUME /var/lib/mysql' -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' -c 'CMD ["mariadbd"]' \
      - "$MARIADB_IMAGE" >/dev/null
    log "built $MARIADB_IMAGE ($(docker image inspect -f '{{.Size}}' "$MARIADB_IMAGE" | numfmt --to=iec))"
  else
    log "$MARIADB_IMAGE exists (use --force to rebuild)"
  fi
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
  if ! DOCKER_BUILDKIT=0 docker build --network none -f deploy/docker/Dockerfile --build-arg "JDK_IMAGE=$JDK_IMAGE" \
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
