#!/usr/bin/env bash
# Starts what Selfcode and its tests need on this machine, installing it first when missing:
# the Docker engine (sandboxes), a MariaDB server (tests), the sandbox images, and the network of the
# dependency phase. Source it and call the functions, or run it:
# scripts/services.sh [docker|mariadb|images|deps-network|deploy|browser|all]
# (deploy: docker-compose, kubectl and the stand-in images of deploy/'s tests; browser: Debian's chromium and
# chromium-driver for the dashboard's browser tests, -Pbrowser; neither is part of all)
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

# The network the dependency phase runs on (SELFCODE_DEPS_NETWORK, default selfcode-deps). Docker runs with
# --iptables=false here, so "internal" alone isolates nothing: the host would still forward the containers'
# packets. The FORWARD rule drops every packet that would cross the bridge, so the only thing a container on it
# reaches is the host's own address on the bridge (the gateway IP), where Selfcode's registry gateway listens.
ensure_deps_network() {
  local name="${SELFCODE_DEPS_NETWORK:-selfcode-deps}" id bridge
  command -v iptables >/dev/null 2>&1 || apt_install iptables
  if ! docker network inspect "$name" >/dev/null 2>&1; then
    echo "services: creating the Docker network $name"
    docker network create --internal --label dev.selfcode.deps=1 "$name" >/dev/null
  fi
  id=$(docker network inspect -f '{{.Id}}' "$name")
  bridge="br-${id:0:12}"
  # The bridge appears with the first container on the network; the rule holds for it from then on.
  iptables -C FORWARD -i "$bridge" -j DROP 2>/dev/null || iptables -I FORWARD -i "$bridge" -j DROP
  iptables -C FORWARD -o "$bridge" -j DROP 2>/dev/null || iptables -I FORWARD -o "$bridge" -j DROP
}

ensure_images() {
  "$here/sandbox-images.sh"
}

# What the deployment tests need: docker-compose, kubectl (Debian's kubectl 1.20 has kustomize built in),
# systemd-analyze, and the local stand-ins of the public images deploy/ names (scripts/server-images.sh).
ensure_deploy_tools() {
  command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
  command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap debian-archive-keyring
  command -v systemd-analyze >/dev/null 2>&1 || apt_install systemd
}
# The dashboard's browser tests drive Debian's own chromium through its chromium-driver (Selenium is pointed at
# /usr/bin/chromedriver; nothing downloads a browser).
ensure_browser() {
  { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } \
    || apt_install chromium chromium-driver
}
ensure_deploy_images() {
  "$here/server-images.sh" stand-ins
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-all}" in
    docker) ensure_docker ;;
    mariadb) ensure_mariadb ;;
    deploy) ensure_docker && ensure_deploy_tools && ensure_deploy_images ;;
    images) ensure_docker && ensure_images ;;
    deps-network) ensure_docker && ensure_deps_network ;;
    browser) ensure_browser ;;
    all) ensure_docker && ensure_mariadb && ensure_images && ensure_deps_network ;;
    *) echo "usage: $0 [docker|mariadb|images|deps-network|deploy|browser|all]" >&2; exit 2 ;;
  esac
fi
