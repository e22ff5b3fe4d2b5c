#!/usr/bin/env bash
# Installs GitHub's public REST description and real webhook payloads (npm packages) into
# .github-fixtures/ (gitignored, so it survives mvn clean), for FakeGitHubShapesTest and WebhookFixtures.
# Public data fetched at build time: never commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=.github-fixtures
OPENAPI_VERSION=${OPENAPI_VERSION:-23.0.2}
WEBHOOKS_EXAMPLES_VERSION=${WEBHOOKS_EXAMPLES_VERSION:-7.6.1}
if [ -f "$DEST/node_modules/@octokit/openapi/package.json" ] \
   && [ -f "$DEST/node_modules/@octokit/webhooks-examples/package.json" ] \
   && grep -q "\"version\": \"$OPENAPI_VERSION\"" "$DEST/node_modules/@octokit/openapi/package.json" \
   && grep -q "\"version\": \"$WEBHOOKS_EXAMPLES_VERSION\"" "$DEST/node_modules/@octokit/webhooks-examples/package.json"; then
  echo "GitHub fixtures already in $DEST"
  exit 0
fi
mkdir -p "$DEST"
# A package.json of its own keeps npm from walking up into the project.
[ -f "$DEST/package.json" ] || echo '{"name":"selfcode-github-fixtures","private":true}' > "$DEST/package.json"
npm install --prefix "$DEST" --no-audit --no-fund --ignore-scripts --no-save --loglevel=error \
  "@octokit/openapi@$OPENAPI_VERSION" "@octokit/webhooks-examples@$WEBHOOKS_EXAMPLES_VERSION"
echo "GitHub fixtures installed in $DEST"
