#!/usr/bin/env bash
# Runs every test. First prepares whatever is missing on this machine: the Docker engine, the sandbox
# images, a MariaDB server, and the public GitHub fixtures (fetched from npm, never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
ensure_docker
ensure_mariadb
ensure_images
scripts/fetch-github-fixtures.sh
exec ./mvnw -B verify "$@"
