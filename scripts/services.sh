#!/usr/bin/env bash
# Starts what Selfcode and its tests need on this machine, installing it first when missing:
# the Docker engine (sandboxes), a MariaDB server (tests), and the sandbox images.
# Source it and call the functions, or run it: scripts/services.sh [docker|mariadb|images|all]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log_dir="${SELFCODE_LOG_DIR:-/var/log/selfcode}"

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "services: installing ${missing[*]}"
    if [ ! -f /var/lib/apt/periodic/selfcode-updated ]; then
      apt-get update -qq && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/selfcode-updated
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_docker() {
  if docker info >/dev/null 2>&1; then return 0; fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  mkdir -p "$log_dir"
  echo "services: starting dockerd"
  # --bridge=none: every sandbox runs with network none, so no bridge network is needed.
  setsid dockerd --bridge=none --iptables=false >"$log_dir/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  echo "services: dockerd did not start; see $log_dir/dockerd.log" >&2
  return 1
}

ensure_mariadb() {
  if ! mariadb -e 'SELECT 1' >/dev/null 2>&1; then
    command -v mariadbd >/dev/null 2>&1 || apt_install mariadb-server
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
    echo "services: starting mariadbd"
    start-stop-daemon --start --oknodo --background --make-pidfile --pidfile /run/mysqld/selfcode.pid \
      --exec /usr/sbin/mariadbd -- --user=mysql
    for _ in $(seq 1 60); do mariadb -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  mariadb -e "CREATE USER IF NOT EXISTS 'selfcode'@'localhost' IDENTIFIED BY 'selfcode';
    CREATE USER IF NOT EXISTS 'selfcode'@'127.0.0.1' IDENTIFIED BY 'selfcode';
    GRANT ALL ON \`selfcode%\`.* TO 'selfcode'@'localhost';
    GRANT ALL ON \`selfcode%\`.* TO 'selfcode'@'127.0.0.1';
    CREATE DATABASE IF NOT EXISTS selfcode_test;"
  # A run may name its own test database (jdbc:mariadb://host:port/NAME) to stay apart from others.
  local db="${SELFCODE_TEST_DB_URL:-}"
  db="${db##*/}"; db="${db%%\?*}"
  if [ -n "$db" ]; then mariadb -e "CREATE DATABASE IF NOT EXISTS \`$db\`"; fi
}

ensure_images() {
  "$here/sandbox-images.sh"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-all}" in
    docker) ensure_docker ;;
    mariadb) ensure_mariadb ;;
    images) ensure_docker && ensure_images ;;
    all) ensure_docker && ensure_mariadb && ensure_images ;;
    *) echo "usage: $0 [docker|mariadb|images|all]" >&2; exit 2 ;;
  esac
fi
