#!/usr/bin/env bash
# Runs Selfcode's main job on its embedded defaults: `selfcode apply` with the offline template
# generator on a copy of the example repository, measured in the sandbox, then the recorded history.
# Prepares what is missing first (Docker engine, sandbox images, the jar). No LLM, no GitHub needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
ensure_docker
ensure_images
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

work="${SELFCODE_DEMO_DIR:-$HOME/.selfcode/demo}"
rm -rf "$work/textutils" && mkdir -p "$work"
cp -r examples/textutils "$work/textutils"
git -C "$work/textutils" init -q -b main
git -C "$work/textutils" add -A
git -C "$work/textutils" -c user.name=demo -c user.email=demo@example.com commit -q -m "example repository"

set +e
bin/selfcode apply --repo "$work/textutils" --file textutils.py --generator template "normalize text"
code=$?
set -e
echo "exit code: $code (0 kept, 3 reverted, 2 bad input, 1 failure)"
bin/selfcode history --repo "$work/textutils"
git -C "$work/textutils" branch --list 'selfcode/*'
