#!/usr/bin/env bash
# Installs what the runner fixtures under src/test/resources/runners/ need, once, into a cache folder outside the
# repository (RunnerFixtures copies a fixture and its node_modules into a temp repository per test):
#   $RUNNER_FIXTURES/<fixture>/node_modules  each Node fixture's devDependencies, from the npm registry
#   $RUNNER_FIXTURES/m2                      the sandbox's offline Maven repository plus maven-failsafe-plugin,
#                                            from Maven Central (the seeded repository has Surefire only)
# A fixture is installed again when its package.json (or pom.xml) changes. Fetched packages: never commit them.
# Env: RUNNER_FIXTURES  default $SELFCODE_HOME/runner-fixtures; SELFCODE_HOME  default /var/cache/selfcode;
#      SELFCODE_IMAGE_PREFIX  default selfcode/ (its java:17 image builds the Maven fixture)
set -euo pipefail
cd "$(dirname "$0")/.."
SELFCODE_HOME=${SELFCODE_HOME:-/var/cache/selfcode}
DEST=${RUNNER_FIXTURES:-$SELFCODE_HOME/runner-fixtures}
SRC=src/test/resources/runners
mkdir -p "$DEST"

for dir in "$SRC"/*/; do
  name=$(basename "$dir")
  [ -f "$dir/package.json" ] && grep -q '"devDependencies"' "$dir/package.json" || continue
  stamp=$(sha256sum "$dir/package.json" | cut -d' ' -f1)
  target="$DEST/$name"
  if [ -f "$target/.stamp" ] && [ "$(cat "$target/.stamp")" = "$stamp" ] && [ -d "$target/node_modules" ]; then
    continue
  fi
  rm -rf "$target"
  mkdir -p "$target"
  cp "$dir/package.json" "$target/"
  # Scripts stay off: the fixtures' runners need no install scripts (esbuild ships its binary as a package).
  (cd "$target" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error)
  echo "$stamp" >"$target/.stamp"
  echo "runner fixture $name installed in $target"
done

pom="$SRC/maven-failsafe/pom.xml"
# The seeded repository's marker too: a new seed (another Maven in the images) needs a new copy.
stamp=$( (cat "$pom" "$SELFCODE_HOME/m2/.selfcode-seed" 2>/dev/null || true) | sha256sum | cut -d' ' -f1)
java_image=${SELFCODE_IMAGE_PREFIX:-selfcode/}java:17
if ! { [ -f "$DEST/m2/.stamp" ] && [ "$(cat "$DEST/m2/.stamp")" = "$stamp" ]; }; then
  rm -rf "$DEST/m2" "$DEST/failsafe-build"
  cp -a "$SELFCODE_HOME/m2" "$DEST/m2"
  cp -a "$SRC/maven-failsafe" "$DEST/failsafe-build"
  # In the sandbox's Java image, so that its Maven picks the default plugin versions the tests will run with. The
  # build's own verdict does not matter here (one test fails on purpose); only what it downloads does.
  trust=()
  if [[ -f /etc/ssl/certs/java/cacerts ]]; then trust=(-v /etc/ssl/certs/java/cacerts:/etc/ssl/certs/java/cacerts:ro); fi
  docker run --rm --network host -e HOME=/tmp "${trust[@]}" -v "$DEST:/dest" -w /dest/failsafe-build "$java_image" \
    mvn -B -q -Dmaven.repo.local=/dest/m2 -Dmaven.test.failure.ignore=true verify >/dev/null
  rm -rf "$DEST/failsafe-build"
  chmod -R a+rX "$DEST/m2"
  echo "$stamp" >"$DEST/m2/.stamp"
  echo "Maven repository with maven-failsafe-plugin in $DEST/m2"
fi
echo "runner fixtures ready in $DEST"
